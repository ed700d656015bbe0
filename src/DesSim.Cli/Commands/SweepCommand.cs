using System.CommandLine;
using DesSim.Cli.Cluster;
using DesSim.Core;
using DesSim.Core.Studies;
using DesSim.Reporting.Output;
using DesSim.Reporting.Results;
using DesSim.Reporting.Sweeps;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim sweep SCENARIO --grid GRID.yaml [--out DIR] [--shard K/N] [--jobs J] [--replications R] [--report]
/// [--submit slurm|kubernetes --shards N ...]</c>, and <c>dessim sweep --status DIR</c>.</summary>
public static class SweepCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<string?>("scenario") { Description = "Base scenario YAML file", Arity = ArgumentArity.ZeroOrOne };
        var status = new Option<string?>("--status") { Description = "Report the completed points and shards of the sweep in DIR (its --out), then exit" };
        var submit = new SubmitOptions();
        var grid = new Option<string?>("--grid") { Description = "Grid YAML: layouts, axes, seeds, replications (see docs/sweeps.md)" };
        var output = new Option<string?>("--out") { Description = "Output directory (default: results/<scenario name>-sweep)" };
        var sets = new Option<string[]>("--set") { Description = "Override a base scenario key (repeatable)" };
        var shard = new Option<string>("--shard") { Description = "Run only shard K of N (1-based), e.g. 2/8", DefaultValueFactory = _ => "1/1" };
        var jobs = new Option<int>("--jobs") { Description = "Simulations at once (default: the number of cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var reps = new Option<int?>("--replications") { Description = "Seeds per point (overrides the grid's replications)" };
        var report = new Option<bool>("--report") { Description = "Also write sweep.html (charts and table)" };
        var cmd = new Command("sweep", "Run a Cartesian grid of scenario variants in parallel into sweep.csv (resumable, shardable)")
        {
            scenario, grid, output, sets, shard, jobs, reps, report, status,
        };
        submit.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(status) is { } statusDir)
            {
                return Status(parse, statusDir, parse.GetValue(scenario));
            }

            bool cluster = submit.Requested(parse);
            var scenarioPath = parse.GetValue(scenario) ?? throw new InputException("sweep", null, "needs a SCENARIO file (or --status DIR)");
            var shardSpec = ShardSpec.Parse(parse.GetValue(shard)!);
            int workers = parse.GetValue(jobs);
            if (workers < 1)
            {
                throw new InputException("--jobs", null, "must be ≥ 1");
            }

            var gridPath = parse.GetValue(grid);
            var g = gridPath is null ? SweepGrid.Single : SweepGridReader.Load(gridPath);
            if (parse.GetValue(reps) is { } r)
            {
                g = r is >= 1 and <= 1000 ? g with { Replications = r } : throw new InputException("--replications", null, "must be in 1..1000");
            }

            var plan = SweepExpander.Expand(scenarioPath, parse.GetValue(sets) ?? [], g, gridPath ?? "--grid");
            var dir = parse.GetValue(output) ?? Path.Combine("results", plan.Base.Name + "-sweep");
            var full = OutputPaths.Require(dir, "--out");
            foreach (var (path, what) in RunOutputs.Inputs(plan.Base).Append((gridPath ?? string.Empty, "the grid")).Where(i => i.Item1.Length > 0))
            {
                OutputPaths.CheckApart(full, "--out", OutputPaths.Full(path), what);
            }

            if (File.Exists(full))
            {
                throw new InputException("--out", null, $"'{dir}' is a file, not a directory");
            }

            var stdout = parse.InvocationConfiguration.Output;
            if (cluster)
            {
                return SweepSubmission.Submit(parse, submit, plan, scenarioPath, gridPath, parse.GetValue(sets) ?? [], parse.GetValue(reps), parse.GetValue(report), parse.GetValue(shard) != "1/1", dir, stdout);
            }

            int mine = plan.Points.Count(p => shardSpec.Contains(p.Index));
            stdout.WriteLine($"sweep {plan.Fingerprint}: {plan.Points.Count} points ({mine} in shard {shardSpec}) x {g.Replications} replication(s), {workers} worker(s) -> {dir}");
            foreach (var rejected in plan.RejectedLayouts)
            {
                stdout.WriteLine($"  layout skipped: {rejected}");
            }

            var started = System.Diagnostics.Stopwatch.StartNew();
            var (ran, skipped) = SweepExecution.Run(plan, dir, shardSpec, workers, (index, done, total) =>
                stdout.WriteLine($"  [{done}/{total}] point {index}: {plan.Points[index].Describe(g.Axes)}"));
            stdout.WriteLine($"ran {ran} point(s), {skipped} already complete, in {started.Elapsed.TotalSeconds:F1} s; wrote {Path.Combine(dir, SweepDirectory.CsvFileName)}");
            if (parse.GetValue(report) && shardSpec.Count == 1)
            {
                var html = SweepReport.Write(dir, plan.Base.Slo, $"Sweep of {plan.Base.Name}");
                stdout.WriteLine($"wrote {html}");
            }

            return ExitCodes.Success;
        });
        return cmd;
    }

    private static int Status(ParseResult parse, string directory, string? scenarioPath)
    {
        if (scenarioPath is not null)
        {
            throw new InputException("--status", directory, "takes only the directory, no SCENARIO");
        }

        var stdout = parse.InvocationConfiguration.Output;
        stdout.Write(SweepStatus.Describe(directory));
        var ids = Path.Combine(directory, ShardJob.JobsFolder, SlurmSubmitter.JobIdsFile);
        if (File.Exists(ids))
        {
            stdout.WriteLine($"  slurm jobs: {string.Join(", ", File.ReadAllLines(ids).Where(l => l.Length > 0))} (squeue / sacct for their state)");
        }

        return ExitCodes.Success;
    }
}
