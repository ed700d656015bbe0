using System.CommandLine;
using DesSim.Core;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;
using DesSim.Core.Sweeps;
using DesSim.Reporting.Output;
using DesSim.Reporting.Results;
using DesSim.Reporting.Sweeps;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim capacity SCENARIO [--layouts all|scenario] [--slo ...] [--replications R] [--out DIR] [--report]</c>.</summary>
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
        var cmd = new Command("capacity", "Per layout, the highest request rate at which the p99 SLO holds (bisection on the arrival rate)")
        {
            scenario, layouts, slo, sets, reps, tol, budget, jobs, output, report,
        };
        cmd.SetAction(parse =>
        {
            var loaded = ScenarioLoader.Load(parse.GetValue(scenario)!, parse.GetValue(sets) ?? []);
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
            using var outputs = new OutputTransaction();
            foreach (var (path, what) in RunOutputs.Inputs(loaded))
            {
                outputs.Input(path, what);
            }

            var staged = outputs.Directory(dir, "--out", ["capacity.csv", "capacity.html"]);
            staged.CheckPublishable();
            var stdout = parse.InvocationConfiguration.Output;
            var knob = RateKnob.Of(loaded);
            stdout.WriteLine($"capacity of {loaded.Name}: {plans.Count} layout(s), {CapacityOutputs.SloText(sloSpec)}, searching {knob.KeyPath} from {knob.Current}");
            var results = CapacityStudy.Run(loaded, plans, sloSpec, r, new CapacitySearch(t, max), j, lc =>
                stdout.WriteLine($"  {lc.Layout,-14} {lc.Capacity.RequestsPerSecond,8:F3} req/s  {lc.Capacity.RequestsPerSecondPerGpu,7:F3} req/s/GPU  ({lc.Capacity.Simulations} simulations{(lc.Capacity.Bounded ? string.Empty : ", SLO still held at the largest probe")})"));
            var files = CapacityOutputs.Write(staged, results, sloSpec, $"SLO capacity of {loaded.Name}", parse.GetValue(report));
            outputs.Commit();
            stdout.WriteLine($"{results.Sum(x => x.Capacity.Simulations) * r} simulations; wrote {string.Join(", ", files)} to {dir}");
            return ExitCodes.Success;
        });
        return cmd;
    }
}
