using DesSim.Core.Metrics;
using System.CommandLine;
using System.Globalization;
using DesSim.Cli.Cluster;
using DesSim.Core;
using DesSim.Core.Scenarios;
using DesSim.Core.Studies;
using DesSim.Reporting.Output;
using DesSim.Reporting.Sweeps;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim plan --model M --gpu G --gpus N [--workload FILE] [--rate R] [--slo chat|batch|voice|...] [--objective ...]</c>:
/// rank every feasible layout for a use case.</summary>
public static class PlanCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Catalog model (dessim models)", Required = true };
        var gpu = new Option<string>("--gpu") { Description = "Catalog GPU (dessim gpus); several, comma-separated (h100,h200): one node group per GPU, each with an equal share of --gpus", Required = true };
        var gpus = new Option<int>("--gpus") { Description = "GPUs in the cluster", DefaultValueFactory = _ => 8 };
        var perNode = new Option<int>("--gpus-per-node") { Description = "GPUs per node", DefaultValueFactory = _ => 8 };
        var precision = new Option<string>("--precision") { Description = "bf16 | fp16 | fp8", DefaultValueFactory = _ => "bf16" };
        var workload = new Option<string?>("--workload") { Description = "A YAML file with a workload: block (docs/workload.md) or a trace file; default: synthetic chat load" };
        var rate = new Option<double?>("--rate") { Description = "Poisson arrival rate of the default synthetic load, req/s", };
        var requests = new Option<int>("--requests") { Description = "Requests per simulation of the default synthetic load", DefaultValueFactory = _ => 1000 };
        var slo = new Option<string>("--slo") { Description = "chat | batch | voice, or ttft_ms=..,tpot_ms=..,e2el_ms=..,queue_ms=..", DefaultValueFactory = _ => "chat" };
        var objective = new Option<string?>("--objective") { Description = "latency | throughput | cost (USD per output token at the SLO rate) | energy (J per output token at the SLO rate) (default: the preset's)" };
        var powerBudget = new Option<double?>("--power-budget-w") { Description = "Cluster GPU power budget, W: every GPU is capped at budget / GPUs (docs/energy.md)" };
        var reps = new Option<int>("--replications") { Description = "Seeds per simulation point; percentiles as mean ± 95% half-width", DefaultValueFactory = _ => 1 };
        var jobs = new Option<int>("--jobs") { Description = "Layouts assessed at once", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string?>("--out") { Description = "Output directory (default: results/plan-<model>-<gpus>x<gpu>)" };
        var report = new Option<bool>("--report") { Description = "Also write plan.html" };
        var sets = new Option<string[]>("--set") { Description = "Override any scenario key of the generated scenario (repeatable)" };
        var disaggregation = new Option<bool>("--disaggregation") { Description = "Also rank prefill/decode splits (xPyD, a TP × PP per pool; with several GPUs, which GPU serves which phase) against the colocated layouts (docs/disaggregation.md)" };
        var cluster = new LayoutStudyOptions();
        var cmd = new Command("plan", "Rank every feasible TP × PP × DP (+ EP for MoE, CP for long prompts) layout for a model, GPUs, traffic and SLO")
        {
            model, gpu, gpus, perNode, precision, workload, rate, requests, slo, objective, powerBudget, reps, jobs, output, report, sets, disaggregation,
        };
        cluster.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var mode = cluster.Resolve(parse, parse.GetValue(report));
            var preset = PlanPreset.Parse(parse.GetValue(slo)!);
            var goal = parse.GetValue(objective) switch
            {
                null => preset.Objective,
                "latency" => PlanObjective.Latency,
                "throughput" => PlanObjective.Throughput,
                "cost" => PlanObjective.Cost,
                "energy" => PlanObjective.Energy,
                var o => throw new InputException("--objective", o, "expected latency, throughput, cost or energy"),
            };
            int types = parse.GetValue(gpu)!.Split(',').Length;
            int n = parse.GetValue(gpus), per = Math.Min(parse.GetValue(perNode), parse.GetValue(gpus) / Math.Max(1, types)), r = parse.GetValue(reps), j = parse.GetValue(jobs), count = parse.GetValue(requests);
            if (n < 1 || per < 1 || n % per != 0 || r < 1 || j < 1 || count < 1)
            {
                throw new InputException("--gpus/--gpus-per-node/--replications/--jobs/--requests", null, "need positive values and --gpus a multiple of --gpus-per-node");
            }

            var scenario = PlanScenario.Build(parse.GetValue(model)!, parse.GetValue(gpu)!, n, per, parse.GetValue(precision)!, parse.GetValue(workload), parse.GetValue(rate), count, parse.GetValue(sets) ?? []);
            scenario = PlanPowerBudget.Apply(scenario with { Slo = preset.Slo }, parse.GetValue(powerBudget), out var budgetNote);
            var gpuNames = string.Join("+", scenario.Deployment.Cluster.Groups.Select(g => g.Gpu.Name));
            var dir = parse.GetValue(output) ?? Path.Combine("results", $"plan-{scenario.Deployment.Model.Name}-{n}x{gpuNames}".ToLowerInvariant().Replace(' ', '-'));
            var stdout = parse.InvocationConfiguration.Output;
            bool split = parse.GetValue(disaggregation);
            bool pooled = split || scenario.Deployment.Cluster.IsHeterogeneous;
            if (pooled && mode != LayoutStudyOptions.Mode.InProcess)
            {
                throw new InputException(split ? "--disaggregation" : "--gpu", null, "cluster shards (--shard, --submit, --merge) cover plans of colocated layouts on one GPU type only", "run this plan without them");
            }

            var poolLayouts = pooled ? PoolPlanner.Layouts(scenario, PlanScenario.Directory(parse.GetValue(workload)), split) : default;
            var (layouts, rejected) = pooled ? ([], []) : Planner.Layouts(scenario);
            var search = new CapacitySearch();
            string Evaluate(int i)
            {
                var e = Planner.Assess(scenario, layouts[i], preset.Slo, r, search);
                return StudyPointJson.Write(layouts[i], e.AtLoad, e.Saturated, e.Capacity);
            }

            var fingerprint = LayoutShards.Fingerprint("plan", scenario, string.Create(CultureInfo.InvariantCulture, $"slo={CapacityOutputs.SloText(preset.Slo)}\nreplications={r}\ntolerance={search.RelativeTolerance:R}\nmax_sims={search.MaxSimulations}"), layouts);
            if (mode == LayoutStudyOptions.Mode.Submit)
            {
                var args = new List<string> { "plan", "--model", parse.GetValue(model)!, "--gpu", parse.GetValue(gpu)!, "--gpus", Inv(n), "--gpus-per-node", Inv(parse.GetValue(perNode)), "--precision", parse.GetValue(precision)!, "--requests", Inv(count), "--slo", parse.GetValue(slo)!, "--objective", goal.ToString().ToLowerInvariant(), "--replications", Inv(r) };
                if (parse.GetValue(workload) is { } w)
                {
                    args.AddRange(["--workload", Path.GetFullPath(w)]);
                }

                if (parse.GetValue(rate) is { } rt)
                {
                    args.AddRange(["--rate", rt.ToString("R", CultureInfo.InvariantCulture)]);
                }

                if (parse.GetValue(powerBudget) is { } pb)
                {
                    args.AddRange(["--power-budget-w", pb.ToString("R", CultureInfo.InvariantCulture)]);
                }

                foreach (var set in parse.GetValue(sets) ?? [])
                {
                    args.AddRange(["--set", set]);
                }

                return cluster.SubmitJobs(parse, "plan", fingerprint, layouts.Count, args, parse.GetValue(report), PlanFiles, dir, stdout);
            }

            if (mode == LayoutStudyOptions.Mode.Shard)
            {
                return cluster.RunShard(parse, "plan", fingerprint, layouts, r, OutputPaths.Require(dir, "--out"), j, Evaluate, stdout);
            }

            using var outputs = new OutputTransaction();
            var staged = mode == LayoutStudyOptions.Mode.Merge ? null : outputs.Directory(dir, "--out", PlanFiles);
            staged?.CheckPublishable();
            var evaluations = mode == LayoutStudyOptions.Mode.Merge ? Merged(dir, fingerprint, layouts, r) : null;
            stdout.WriteLine($"plan: {scenario.Deployment.Model.Name} on {n}x {gpuNames}{(split ? ", colocated and prefill/decode splits" : string.Empty)}, preset {preset.Name} ({CapacityOutputs.SloText(preset.Slo)}), objective {goal.ToString().ToLowerInvariant()}");
            if (budgetNote is not null)
            {
                stdout.WriteLine(budgetNote);
            }

            var plan = pooled
                ? PoolPlanner.Plan(scenario, poolLayouts, preset, goal, r, j, search, stdout.WriteLine)
                : evaluations is null
                ? Planner.Plan(scenario, preset, goal, r, j, search, stdout.WriteLine)
                : Planner.Rank(scenario, preset, goal, r, layouts, evaluations, rejected);
            int width = Math.Max(16, plan.Ranked.Max(a => a.Label.Length));
            stdout.WriteLine();
            stdout.WriteLine($"{"rank",4}  {"layout".PadRight(width)} {"TTFT p50/p99 ms",17} {"TPOT p50/p99 ms",17} {"max tok/s/GPU",13} {"cap req/s/GPU",13} {"$/Mtok",8} {"J/tok",7} {"EP/CP comm",10}  pareto");
            foreach (var a in plan.Ranked)
            {
                var l = a.AtLoad;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{a.Rank,4}  {a.Label.PadRight(width)} {l[RunMetrics.TtftP50Ms].Mean,8:F0}/{l[RunMetrics.TtftP99Ms].Mean,-8:F0} {l[RunMetrics.TpotP50Ms].Mean,8:F1}/{l[RunMetrics.TpotP99Ms].Mean,-8:F1} {a.MaxThroughputPerGpu,13:F0} {(a.Capacity is { } c ? c.RequestsPerSecondPerGpu.ToString("F3", CultureInfo.InvariantCulture) : "-"),13} {a.UsdPerMillionTokens,8:F2} {a.JoulesPerToken,7:F2} {(a.Layout.Ep > 1 || a.Layout.Cp > 1 ? (l[RunMetrics.OtherCommShare].Mean * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : "-"),10}  {(a.OnParetoFrontier ? "*" : string.Empty)}"));
            }

            stdout.WriteLine();
            foreach (var a in plan.Ranked.Take(3))
            {
                stdout.WriteLine($"#{a.Rank} {a.Label}: {a.Why}");
            }

            if (plan.DisaggregationVerdict is { } verdict)
            {
                stdout.WriteLine();
                stdout.WriteLine(verdict);
            }

            var title = $"Layout plan: {scenario.Deployment.Model.Name} on {n}× {gpuNames}";
            IReadOnlyList<string> files;
            if (staged is null)
            {
                var merged = PlanOutputs.Files(plan, title, parse.GetValue(report));
                LayoutShards.Publish(OutputPaths.Full(dir), merged);
                files = merged.Select(f => f.Name).ToArray();
            }
            else
            {
                files = PlanOutputs.Write(staged, plan, title, parse.GetValue(report));
                outputs.Commit();
            }

            stdout.WriteLine($"{plan.Simulations} simulations; wrote {string.Join(", ", files)} to {dir}");
            return ExitCodes.Success;
        });
        return cmd;
    }

    /// <summary>The files a plan writes into its --out.</summary>
    private static readonly string[] PlanFiles = ["plan.csv", "plan.html", "scenario.yaml"];

    private static string Inv(int x) => x.ToString(CultureInfo.InvariantCulture);

    /// <summary>The evaluations of the layouts, read back from the complete shards under <paramref name="dir"/>.</summary>
    private static LayoutEvaluation[] Merged(string dir, string fingerprint, IReadOnlyList<Core.Parallelism.ParallelPlan> layouts, int replications)
    {
        var paths = LayoutShards.Collect(OutputPaths.Full(OutputPaths.Require(dir, "--out")), "plan", fingerprint, layouts, replications);
        return layouts.Select((l, i) =>
        {
            var (load, sat, cap) = StudyPointJson.Read(paths[i], l);
            return new LayoutEvaluation(load ?? throw new InputException(paths[i], "at_load", "missing"), sat ?? throw new InputException(paths[i], "saturated", "missing"), cap);
        }).ToArray();
    }
}
