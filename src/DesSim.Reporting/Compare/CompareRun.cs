using DesSim.Reporting.Results;

namespace DesSim.Reporting.Compare;

/// <summary>One result directory of a comparison: where it was read from, how the page labels it, and its data.</summary>
/// <param name="Directory">The directory as the user gave it.</param>
/// <param name="Label">"scenario name (layout)", made unique with the directory name where two runs would share it.</param>
/// <param name="Data">The run's result files, read back (<see cref="ResultDirectoryReader"/>).</param>
public sealed record CompareRun(string Directory, string Label, ReportData Data)
{
    /// <summary>GPUs of the run (rows of gpus.csv).</summary>
    public int GpuCount => Data.Gpus.Count;
}
