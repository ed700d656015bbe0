using System.CommandLine;
using System.Globalization;
using DesSim.Core;
using DesSim.Core.Parallelism;
using DesSim.Core.Studies;
using DesSim.Reporting.Output;
using DesSim.Reporting.Sweeps;

namespace DesSim.Cli.Cluster;

/// <summary>The cluster options of <c>dessim plan</c> and <c>dessim capacity</c>, whose layouts become the points of a sharded
/// study (<see cref="LayoutShards"/>): <c>--submit slurm|kubernetes --shards N</c> (<see cref="SubmitOptions"/>), and the two
/// steps the jobs run, <c>--shard K/N</c> (evaluate the layouts of shard K into <c>--out</c>) and <c>--merge-shards</c> (rank
/// the evaluations in <c>--out/shards/*</c> and write the study's usual files into <c>--out</c>).</summary>
public sealed class LayoutStudyOptions
{
    private readonly Option<string?> _shard = new("--shard") { Description = "Evaluate only the layouts of shard K of N (1-based) into --out, resumably (what a --submit array task runs)" };
    private readonly Option<bool> _merge = new("--merge-shards") { Description = "Rank the layout evaluations in --out/shards/1..N and write the results into --out (what the --submit merge job runs)" };

    /// <summary>The submission options (shared with <c>sweep</c>).</summary>
    public SubmitOptions Submit { get; } = new();

    /// <summary>What one invocation does.</summary>
    public enum Mode
    {
        /// <summary>Evaluate and rank every layout here.</summary>
        InProcess,

        /// <summary>Write (and submit) the cluster jobs.</summary>
        Submit,

        /// <summary>Evaluate one shard's layouts.</summary>
        Shard,

        /// <summary>Rank the shards' evaluations.</summary>
        Merge,
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_shard);
        command.Options.Add(_merge);
        Submit.AddTo(command);
    }

    /// <summary>The mode, after checking the options combine (before any work).</summary>
    /// <exception cref="InputException">--shard, --merge-shards and --submit mixed, or --report with --shard.</exception>
    public Mode Resolve(ParseResult parse, bool report)
    {
        ArgumentNullException.ThrowIfNull(parse);
        bool submit = Submit.Requested(parse);
        bool shard = parse.GetValue(_shard) is not null;
        bool merge = parse.GetValue(_merge);
        if ((submit ? 1 : 0) + (shard ? 1 : 0) + (merge ? 1 : 0) > 1)
        {
            throw new InputException(shard ? "--shard" : "--merge-shards", null, "combines with none of --submit, --shard and --merge-shards (the jobs --submit writes run one each)");
        }

        if (shard && report)
        {
            throw new InputException("--report", null, "not with --shard: the merge (--merge-shards) writes the report");
        }

        return submit ? Mode.Submit : shard ? Mode.Shard : merge ? Mode.Merge : Mode.InProcess;
    }

    /// <summary>The shard of a <see cref="Mode.Shard"/> run.</summary>
    public ShardSpec Shard(ParseResult parse) => ShardSpec.Parse(parse.GetValue(_shard)!);

    /// <summary>Runs the layouts of this invocation's shard into <paramref name="directory"/>; prints progress and the resume line.</summary>
    public int RunShard(ParseResult parse, string study, string fingerprint, IReadOnlyList<ParallelPlan> layouts, int replications, string directory, int workers, Func<int, string> evaluate, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(layouts);
        ArgumentNullException.ThrowIfNull(stdout);
        var shard = Shard(parse);
        if (shard.Count > layouts.Count)
        {
            throw new InputException("--shard", shard.ToString(), $"more shards than the {layouts.Count} layout(s)");
        }

        var mine = Enumerable.Range(0, layouts.Count).Where(shard.Contains).ToArray();
        stdout.WriteLine($"{study} {fingerprint}: {layouts.Count} layouts ({mine.Length} in shard {shard}), {workers} worker(s) -> {directory}");
        var started = System.Diagnostics.Stopwatch.StartNew();
        (int Ran, int Skipped) counts;
        using (var store = LayoutShards.Open(study, fingerprint, layouts.Count, replications, shard, directory))
        {
            counts = ResumableStudy.Run(store, mine, workers, i => LayoutShards.WritePoint(directory, i, layouts[i], evaluate(i)), (index, done, total) =>
                stdout.WriteLine($"  [{done}/{total}] point {index}: {layouts[index]}"));
        }

        var (ran, skipped) = counts;
        stdout.WriteLine($"ran {ran} point(s), {skipped} already complete, in {started.Elapsed.TotalSeconds:F1} s; wrote {Path.Combine(directory, SweepDirectory.CsvFileName)}");
        return ExitCodes.Success;
    }

    /// <summary>Writes (and submits) the shard array and the merge job of a layout study.</summary>
    /// <param name="parse">The invocation.</param>
    /// <param name="study"><c>plan</c> or <c>capacity</c>.</param>
    /// <param name="fingerprint">The study's fingerprint (<see cref="LayoutShards.Fingerprint"/>).</param>
    /// <param name="layouts">How many layouts (points) it has.</param>
    /// <param name="arguments">The study's own arguments (absolute paths, no --out, --jobs or cluster options).</param>
    /// <param name="report">Whether the merge writes the HTML report too.</param>
    /// <param name="outputs">The file names the merge writes into the output directory.</param>
    /// <param name="outputDirectory">--out.</param>
    /// <param name="stdout">Where to print.</param>
    /// <exception cref="InputException">More shards than layouts, or an --out holding another study or other files.</exception>
    public int SubmitJobs(ParseResult parse, string study, string fingerprint, int layouts, IReadOnlyList<string> arguments, bool report, IReadOnlyCollection<string> outputs, string outputDirectory, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(stdout);
        int n = Submit.Shards(parse);
        if (n > layouts)
        {
            throw new InputException("--shards", n.ToString(CultureInfo.InvariantCulture), $"more shards than the {study}'s {layouts} layout(s)");
        }

        var outDir = OutputPaths.Full(OutputPaths.Require(outputDirectory, "--out"));
        if (File.Exists(outDir))
        {
            throw new InputException("--out", outputDirectory, "is a file, not a directory");
        }

        if (Directory.Exists(outDir))
        {
            var foreign = Directory.EnumerateFileSystemEntries(outDir).Select(Path.GetFileName).OfType<string>()
                .Where(f => !f.StartsWith('.') && f != SweepStatus.ShardsFolder && f != ShardJob.JobsFolder && !outputs.Contains(f)).Order(StringComparer.Ordinal).ToArray();
            if (foreign.Length > 0)
            {
                throw new InputException(outDir, null, $"holds other files ({string.Join(", ", foreign.Take(3))}{(foreign.Length > 3 ? ", …" : string.Empty)}), not a {study} submission", "use another --out, or an empty directory");
            }
        }

        SweepSubmission.CheckOutput(outDir, fingerprint, n);
        int cpus = Submit.CpusPerTask(parse);
        string[] shardArgs = [.. arguments, "--jobs", cpus.ToString(CultureInfo.InvariantCulture)];
        string[] mergeArgs = [.. arguments, .. report ? new[] { "--report" } : [], "--out", outDir, "--merge-shards"];
        var job = new ShardJob(study, fingerprint, Submit.Launcher(parse), shardArgs, mergeArgs, Directory.GetCurrentDirectory(), outDir, n, cpus);
        stdout.WriteLine($"{study} {fingerprint}: {layouts} layouts in {n} shard(s) of {cpus} CPU(s) -> {outDir}");
        Submit.Submit(parse, job, stdout);
        return ExitCodes.Success;
    }
}
