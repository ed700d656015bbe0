using System.CommandLine;
using System.Globalization;
using DesSim.Cli.Cluster;
using DesSim.Core;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;
using DesSim.Core.Studies;
using DesSim.Reporting.Output;
using DesSim.Reporting.Results;
using DesSim.Reporting.Sweeps;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim capacity SCENARIO [--layouts all|scenario] [--slo ...] [--objective capacity|cost|energy] [--power-budget-w W]
/// [--replications R] [--out DIR] [--report] [--submit slurm|kubernetes --shards N ...]</c>.</summary>
public static class CapacityCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file (synthetic rate or trace: its load knob is searched)" };
        var layouts = new Option<string>("--layouts") { Description = "all (every layout that fits) or scenario (its own layout)", DefaultValueFactory = _ => "all" };
        var slo = new Option<string?>("--slo") { Description = "SLO: a preset (chat, voice) or ttft_ms=..,tpot_ms=..,e2el_ms=..,queue_ms=.. (default: the scenario's slo)" };
        var sets = new Option<string[]>("--set") { Description = "Override a scenario key (repeatable)" };
        var reps = new Option<int>("--replications") { Description = "Seeds per probe", DefaultValueFactory = _ => 1 };
        var tol = new Option<double>("--tolerance") { Description = "Stop bisecting when the bracket is within this fraction of the rate", DefaultValueFactory = _ => CapacitySearch.DefaultRelativeTolerance };
        var budget = new Option<int>("--max-sims") { Description = "Most probes per layout", DefaultValueFactory = _ => CapacitySearch.DefaultMaxSimulations };
        var jobs = new Option<int>("--jobs") { Description = "Layouts searched at once", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string?>("--out") { Description = "Output directory (default: results/<name>-capacity)" };
        var report = new Option<bool>("--report") { Description = "Also write capacity.html" };
        var objective = new Option<string?>("--objective") { Description = "Row order of capacity.csv: capacity (the layouts' order, default) | cost (USD per output token at capacity, cheapest first) | energy (J per output token at capacity, lowest first)" };
        var powerBudget = new Option<double?>("--power-budget-w") { Description = "Cluster GPU power budget, W: every GPU is capped at budget / GPUs (docs/energy.md)" };
        var cluster = new LayoutStudyOptions();
        var cmd = new Command("capacity", "Per layout, the highest request rate at which the p99 SLO holds (bisection on the arrival rate)")
        {
            scenario, layouts, slo, sets, reps, tol, budget, jobs, output, report, objective, powerBudget,
        };
        cluster.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var mode = cluster.Resolve(parse, parse.GetValue(report));
            PlanObjective? order = parse.GetValue(objective) switch
            {
                null or "capacity" => null,
                "cost" => PlanObjective.Cost,
                "energy" => PlanObjective.Energy,
                var o => throw new InputException("--objective", o, "expected capacity, cost or energy"),
            };
            var loaded = PlanPowerBudget.Apply(ScenarioLoader.Load(parse.GetValue(scenario)!, parse.GetValue(sets) ?? []), parse.GetValue(powerBudget), out var budgetNote);
            var sloSpec = parse.GetValue(slo) is { } text ? PlanPreset.Parse(text).Slo : loaded.Slo;
            int r = parse.GetValue(reps), j = parse.GetValue(jobs), max = parse.GetValue(budget);
            double t = parse.GetValue(tol);
            if (r < 1 || j < 1 || max < 2 || !(t > 0 && t < 1))
            {
                throw new InputException("--replications/--jobs/--max-sims/--tolerance", null, "need replications ≥ 1, jobs ≥ 1, max-sims ≥ 2, 0 < tolerance < 1");
            }

            IReadOnlyList<ParallelPlan> plans = parse.GetValue(layouts) switch
            {
                "all" => LayoutEnumerator.Enumerate(loaded).Feasible,
                "scenario" => [loaded.Deployment.Plan],
                var other => throw new InputException("--layouts", other, "expected all or scenario"),
            };
            var dir = parse.GetValue(output) ?? Path.Combine("results", loaded.Name + "-capacity");
            var stdout = parse.InvocationConfiguration.Output;
            var search = new CapacitySearch(t, max);
            CapacityStudy.RequireBound(sloSpec);
            var fingerprint = LayoutShards.Fingerprint("capacity", loaded, string.Create(CultureInfo.InvariantCulture, $"slo={CapacityOutputs.SloText(sloSpec)}\nreplications={r}\ntolerance={t:R}\nmax_sims={max}"), plans);
            if (mode == LayoutStudyOptions.Mode.Submit)
            {
                var args = new List<string> { "capacity", Path.GetFullPath(parse.GetValue(scenario)!), "--layouts", parse.GetValue(layouts)!, "--replications", Inv(r), "--tolerance", t.ToString("R", CultureInfo.InvariantCulture), "--max-sims", Inv(max) };
                if (parse.GetValue(objective) is { } o)
                {
                    args.AddRange(["--objective", o]);
                }

                if (parse.GetValue(powerBudget) is { } pb)
                {
                    args.AddRange(["--power-budget-w", pb.ToString("R", CultureInfo.InvariantCulture)]);
                }

                if (parse.GetValue(slo) is { } sloText)
                {
                    args.AddRange(["--slo", sloText]);
                }

                foreach (var set in parse.GetValue(sets) ?? [])
                {
                    args.AddRange(["--set", set]);
                }

                return cluster.SubmitJobs(parse, "capacity", fingerprint, plans.Count, args, parse.GetValue(report), CapacityFiles, dir, stdout);
            }

            if (mode == LayoutStudyOptions.Mode.Shard)
            {
                return cluster.RunShard(parse, "capacity", fingerprint, plans, r, OutputPaths.Require(dir, "--out"), j, i => StudyPointJson.Write(plans[i], null, null, CapacityStudy.Search(loaded, plans[i], sloSpec, r, search)), stdout);
            }

            using var outputs = new OutputTransaction();
            foreach (var (path, what) in RunOutputs.Inputs(loaded))
            {
                outputs.Input(path, what);
            }

            var staged = mode == LayoutStudyOptions.Mode.Merge ? null : outputs.Directory(dir, "--out", CapacityFiles);
            staged?.CheckPublishable();
            IReadOnlyList<LayoutCapacity>? merged = null;
            if (mode == LayoutStudyOptions.Mode.Merge)
            {
                var paths = LayoutShards.Collect(OutputPaths.Full(OutputPaths.Require(dir, "--out")), "capacity", fingerprint, plans, r);
                merged = plans.Select((l, i) => new LayoutCapacity(l, StudyPointJson.Read(paths[i], l).Capacity ?? throw new InputException(paths[i], "capacity", "missing"))).ToArray();
            }

            var knob = RateKnob.Of(loaded);
            stdout.WriteLine($"capacity of {loaded.Name}: {plans.Count} layout(s), {CapacityOutputs.SloText(sloSpec)}, searching {knob.KeyPath} from {knob.Current}{(order is { } ob ? $", ordered by {ob.ToString().ToLowerInvariant()}" : string.Empty)}");
            if (budgetNote is not null)
            {
                stdout.WriteLine(budgetNote);
            }

            void Print(LayoutCapacity lc) =>
                stdout.WriteLine($"  {lc.Layout,-14} {lc.Capacity.RequestsPerSecond,8:F3} req/s  {lc.Capacity.RequestsPerSecondPerGpu,7:F3} req/s/GPU  ({lc.Capacity.Simulations} simulations{(lc.Capacity.Bounded ? string.Empty : ", SLO still held at the largest probe")})");
            IReadOnlyList<LayoutCapacity> results;
            if (merged is null)
            {
                results = CapacityStudy.Run(loaded, plans, sloSpec, r, search, j, Print);
            }
            else
            {
                results = merged;
                foreach (var lc in results)
                {
                    Print(lc);
                }
            }

            results = CapacityStudy.Order(results, order);
            var title = $"SLO capacity of {loaded.Name}";
            IReadOnlyList<string> files;
            if (staged is null)
            {
                var written = CapacityOutputs.Files(results, sloSpec, title, parse.GetValue(report), order);
                LayoutShards.Publish(OutputPaths.Full(dir), written);
                files = written.Select(f => f.Name).ToArray();
            }
            else
            {
                files = CapacityOutputs.Write(staged, results, sloSpec, title, parse.GetValue(report), order);
                outputs.Commit();
            }

            stdout.WriteLine($"{results.Sum(x => x.Capacity.Simulations) * r} simulations; wrote {string.Join(", ", files)} to {dir}");
            return ExitCodes.Success;
        });
        return cmd;
    }

    /// <summary>The files capacity writes into its --out.</summary>
    private static readonly string[] CapacityFiles = ["capacity.csv", "capacity.html"];

    private static string Inv(int x) => x.ToString(CultureInfo.InvariantCulture);
}
