using System.CommandLine;
using System.Globalization;
using DesSim.Core;
using DesSim.Core.Studies;
using DesSim.Reporting.Sweeps;

namespace DesSim.Cli.Cluster;

/// <summary><c>dessim sweep … --submit slurm|kubernetes --shards N</c>: the expanded (and so validated) sweep as a
/// <see cref="ShardJob"/> whose shards run <c>dessim sweep … --shard K/N --out OUT/shards/K</c> and whose merge runs
/// <c>dessim merge --submission OUT</c> (OUT/shards/1 … N into OUT).</summary>
public static class SweepSubmission
{
    /// <summary>Validates the output directory and submits. Returns the exit code.</summary>
    /// <exception cref="InputException">--shard or --report given, more shards than points, or an --out holding another sweep.</exception>
    public static int Submit(ParseResult parse, SubmitOptions submit, SweepPlan plan, string scenarioPath, string? gridPath, IReadOnlyList<string> sets, int? replications, bool report, bool shardGiven, string outputDirectory, TextWriter stdout)
    {
        if (shardGiven)
        {
            throw new InputException("--shard", null, "not with --submit: the cluster runs every shard (--shards N)");
        }

        if (report)
        {
            throw new InputException("--report", null, "not with --submit: the merge job writes sweep.csv; run 'dessim report' on it afterwards");
        }

        int n = submit.Shards(parse);
        if (n > plan.Points.Count)
        {
            throw new InputException("--shards", n.ToString(CultureInfo.InvariantCulture), $"more shards than the sweep's {plan.Points.Count} point(s)");
        }

        var outDir = Path.GetFullPath(outputDirectory);
        CheckOutput(outDir, plan.Fingerprint, n);
        int cpus = submit.CpusPerTask(parse);
        var args = new List<string> { "sweep", Path.GetFullPath(scenarioPath) };
        if (gridPath is not null)
        {
            args.AddRange(["--grid", Path.GetFullPath(gridPath)]);
        }

        foreach (var s in sets)
        {
            args.AddRange(["--set", s]);
        }

        if (replications is { } r)
        {
            args.AddRange(["--replications", r.ToString(CultureInfo.InvariantCulture)]);
        }

        args.AddRange(["--jobs", cpus.ToString(CultureInfo.InvariantCulture)]);
        var job = new ShardJob("sweep", plan.Fingerprint, submit.Launcher(parse), args, [], Directory.GetCurrentDirectory(), outDir, n, cpus);
        job = job with { MergeArguments = ["merge", "--submission", outDir] };
        stdout.WriteLine($"sweep {plan.Fingerprint}: {plan.Points.Count} points x {plan.Grid.Replications} replication(s) in {n} shard(s) of {cpus} CPU(s) -> {outDir}");
        submit.Submit(parse, job, stdout);
        return ExitCodes.Success;
    }

    /// <summary>Refuses an output directory (or one of its shard directories) that holds another sweep, or shards of another
    /// count. The same sweep in the same shards is fine: resubmitting resumes it.</summary>
    internal static void CheckOutput(string outDir, string fingerprint, int shards)
    {
        if (SweepManifest.TryRead(outDir) is { } own && own.Fingerprint != fingerprint)
        {
            throw new InputException(outDir, null, $"holds another sweep (fingerprint {own.Fingerprint}, this one is {fingerprint})", "use another --out, or delete the directory to start over");
        }

        foreach (var (k, (dir, m)) in SweepStatus.Shards(outDir))
        {
            if (m.Fingerprint != fingerprint)
            {
                throw new InputException(dir, null, $"holds a shard of another sweep (fingerprint {m.Fingerprint}, this one is {fingerprint})", "use another --out, or delete the directory to start over");
            }

            if (m.Shard.Count != shards || k > shards)
            {
                throw new InputException(dir, null, $"holds shard {m.Shard} of this sweep, not of {shards} shards", $"resubmit with --shards {m.Shard.Count} (it resumes), or delete {Path.Combine(outDir, ShardJob.ShardsFolder)}");
            }
        }
    }
}
