namespace DesSim.Cli.Cluster;

/// <summary>One study (sweep, plan or capacity search) split into <see cref="Shards"/> shard runs and one merge, as the cluster
/// submitters (<see cref="SlurmScripts"/>, <see cref="KubernetesIndexedJob"/>) render it.</summary>
/// <remarks>Shard K (1-based) runs <c>Launcher ShardArguments --shard K/N --out OutputDirectory/shards/K</c>; the merge runs
/// <c>Launcher MergeArguments</c>, which writes the study's results into <see cref="OutputDirectory"/>, where a single-process
/// run writes them. Paths are absolute, so the command means the same on every node that mounts the same file system.
/// <see cref="Fingerprint"/> names the study (the sweep fingerprint) in script comments and job names.</remarks>
public sealed record ShardJob(
    string Study,
    string Fingerprint,
    IReadOnlyList<string> Launcher,
    IReadOnlyList<string> ShardArguments,
    IReadOnlyList<string> MergeArguments,
    string WorkingDirectory,
    string OutputDirectory,
    int Shards,
    int CpusPerTask)
{
    /// <summary>Folder under <see cref="OutputDirectory"/> holding one output directory per shard (<c>1</c> … <c>N</c>).</summary>
    public const string ShardsFolder = Reporting.Sweeps.SweepStatus.ShardsFolder;

    /// <summary>Folder under <see cref="OutputDirectory"/> holding the job scripts, the job ids and the job logs.</summary>
    public const string JobsFolder = "jobs";

    /// <summary>The shell variable the rendered scripts set to the 1-based shard number.</summary>
    public const string ShardVariable = "shard";

    /// <summary>Output directory of shard <paramref name="shard"/> (1-based).</summary>
    public string ShardDirectory(int shard) => Path.Combine(OutputDirectory, ShardsFolder, shard.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The shard's command as one shell line, with the shard number read from <c>$shard</c>.</summary>
    public string ShardCommandLine()
    {
        var shardsRoot = Path.Combine(OutputDirectory, ShardsFolder) + Path.DirectorySeparatorChar;
        var n = Shards.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{ShellText.Join([.. Launcher, .. ShardArguments])} --shard \"${{{ShardVariable}}}\"/{n} --out {ShellText.Quote(shardsRoot)}\"${{{ShardVariable}}}\"";
    }

    /// <summary>The merge's command as one shell line.</summary>
    public string MergeCommandLine() => ShellText.Join([.. Launcher, .. MergeArguments]);

    /// <summary>A job name: <c>dessim-STUDY-FINGERPRINT</c> (plus <paramref name="suffix"/>).</summary>
    public string JobName(string suffix = "") => $"dessim-{Study}-{Fingerprint}{suffix}";
}
