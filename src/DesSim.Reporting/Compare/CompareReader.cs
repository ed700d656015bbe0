using DesSim.Core;
using DesSim.Reporting.Output;
using DesSim.Reporting.Results;

namespace DesSim.Reporting.Compare;

/// <summary>Reads the result directories of <c>dessim compare</c> from their written files (through
/// <see cref="ResultDirectoryReader"/>) and labels each run by scenario name and layout.</summary>
/// <remarks>Every directory is read before anything is written: one that is missing, not a run's output, malformed, or
/// of another result format (<c>result_format</c> in summary.json) is an <see cref="InputException"/> naming it.</remarks>
public static class CompareReader
{
    /// <summary>Fewest runs a comparison takes.</summary>
    public const int MinRuns = 2;

    /// <summary>Most runs a comparison takes: one distinct palette colour each with room to spare, and a legend that
    /// still fits beside a slide-size chart.</summary>
    public const int MaxRuns = 8;

    /// <summary>Reads <paramref name="directories"/> in the order given.</summary>
    /// <exception cref="InputException">Fewer than <see cref="MinRuns"/> or more than <see cref="MaxRuns"/>
    /// directories, one given twice, or one that is not a readable result directory of this result format.</exception>
    public static IReadOnlyList<CompareRun> Read(IReadOnlyList<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        if (directories.Count is < MinRuns or > MaxRuns)
        {
            throw new InputException("RUN_DIR", null, $"{directories.Count} result director{(directories.Count == 1 ? "y" : "ies")} given; compare takes {MinRuns} to {MaxRuns}", "pass the output directories of 2 to 8 dessim runs");
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in directories)
        {
            if (!seen.TryAdd(OutputPaths.Full(directory), directory))
            {
                throw new InputException(directory, null, $"given twice (also as {seen[OutputPaths.Full(directory)]})", "compare different runs");
            }
        }

        var data = directories.Select(ResultDirectoryReader.Read).ToArray();
        var labels = Labels(directories, data);
        return directories.Select((d, i) => new CompareRun(d, labels[i], data[i])).ToArray();
    }

    /// <summary>"name (layout)"; where two runs would share a label, each of those gets its directory name appended,
    /// and where that still collides, its position (#1, #2, …).</summary>
    private static string[] Labels(IReadOnlyList<string> directories, IReadOnlyList<ReportData> data)
    {
        var labels = data.Select(d => $"{d.Name} ({d.Layout})").ToArray();
        string[] Disambiguate(Func<int, string> suffix)
        {
            var clash = labels.GroupBy(l => l, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            return labels.Select((l, i) => clash.Contains(l) ? $"{l} {suffix(i)}" : l).ToArray();
        }

        labels = Disambiguate(i => Path.GetFileName(Path.TrimEndingDirectorySeparator(OutputPaths.Full(directories[i]))));
        return Disambiguate(i => $"#{i + 1}");
    }
}
