using System.Collections.Concurrent;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;
using DesSim.Core.Workload;

namespace DesSim.Core.Sweeps;

/// <summary>Assesses and ranks every feasible layout of a scenario's cluster for a use case: TP × PP × DP, with EP for MoE models
/// and CP for long-prompt workloads (<see cref="LayoutEnumerator"/>).</summary>
/// <remarks>Per layout (layouts in parallel): a run at the workload's own load, a saturated run, and (when the SLO has a
/// bound) a capacity search. Ranking: <see cref="PlanObjective.Latency"/> by p99 E2EL at the load; <see cref="PlanObjective.Throughput"/>
/// by saturated tokens/s per GPU; <see cref="PlanObjective.Cost"/> by USD per million output tokens and
/// <see cref="PlanObjective.Energy"/> by J per output token, both at the SLO capacity point (ties by capacity per GPU). The Pareto
/// frontier is over (p99 E2EL at load, saturated tokens/s per GPU).</remarks>
public static class Planner
{
    /// <summary>How much faster a trace is replayed for the saturated run (its gaps shrink 1000×: effectively all at once).</summary>
    public const double SaturationRateScale = 1000;

    /// <summary>Plans <paramref name="scenario"/> (its layout is ignored) for <paramref name="preset"/> under <paramref name="objective"/>.</summary>
    public static PlanResult Plan(Scenario scenario, PlanPreset preset, PlanObjective objective, int replications, int workers, CapacitySearch search, Action<string>? log = null)
    {
        var (layouts, rejected) = LayoutEnumerator.Enumerate(scenario);
        if (layouts.Count == 0)
        {
            throw new InputException("plan", null, $"no TP × PP × DP (× EP/CP) layout of {scenario.Deployment.Cluster.TotalGpus} GPUs fits {scenario.Deployment.Model.Name}", "add GPUs, use --precision fp8, or a smaller model");
        }

        var slo = preset.Slo;
        bool hasBounds = PointResult.Bounds(slo).Any();
        var knob = hasBounds ? RateKnob.Of(scenario) : null;
        var results = new ConcurrentDictionary<int, (PointResult Load, PointResult Sat, CapacityResult? Cap)>();
        int sims = 0;
        var gate = new object();
        ParallelInput.For(layouts.Count, workers, i =>
        {
            var s = CapacityStudy.WithLayout(scenario, layouts[i]);
            var load = PointEvaluator.Evaluate(s, replications, slo);
            var sat = PointEvaluator.Evaluate(Saturate(s), replications, slo);
            CapacityResult? cap = null;
            if (knob is not null)
            {
                cap = search.Find(
                    rate => PointEvaluator.Evaluate(RateKnob.Apply(s, rate), replications, slo),
                    knob.Current > 0 ? knob.Current : 1,
                    layouts[i].GpuCount,
                    (rate, r) => knob.IsRequestsPerSecond ? rate : r["request_throughput_per_s"].Mean);
            }

            results[i] = (load, sat, cap);
            lock (gate)
            {
                sims += replications * (2 + (cap?.Simulations ?? 0));
                log?.Invoke($"  {layouts[i]}: p99 TTFT {load["ttft_p99_ms"].Mean:F0} ms, p99 TPOT {load["tpot_p99_ms"].Mean:F1} ms, max {sat["output_tokens_per_s_per_gpu"].Mean:F0} tok/s/GPU" + (cap is null ? string.Empty : $", capacity {cap.RequestsPerSecond:F2} req/s"));
            }
        });

        var rows = Enumerable.Range(0, layouts.Count).Select(i => (Layout: layouts[i], results[i].Load, results[i].Sat, results[i].Cap)).ToArray();
        var frontier = ParetoFrontier(rows.Select(r => (r.Load["e2el_p99_ms"].Mean, r.Sat["output_tokens_per_s_per_gpu"].Mean)).ToArray());
        var order = Order(rows.Select((r, i) => (i, r.Load, r.Sat, r.Cap)).ToArray(), objective);
        var fabric = Hardware.FabricNames.Name(scenario.Deployment.Cluster.IntraNode);
        var ranked = order.Select((i, rank) =>
        {
            var r = rows[i];
            var a = new LayoutAssessment(r.Layout, r.Load, r.Sat, r.Cap, frontier[i], rank + 1, string.Empty);
            return a with { Why = PlanExplainer.Why(a, objective, fabric, slo) };
        }).ToArray();
        return new PlanResult(scenario, preset, objective, replications, ranked, rejected, sims);
    }

    /// <summary>The scenario with every request at t = 0 (synthetic) or the trace replayed <see cref="SaturationRateScale"/>× faster.</summary>
    public static Scenario Saturate(Scenario s) => s.Workload switch
    {
        SyntheticWorkloadSpec w when w.Arrival.Process != ArrivalProcess.ClosedLoop => s with { Workload = w with { Arrival = new ArrivalSpec(ArrivalProcess.Burst) } },
        TraceWorkloadSpec t => s with { Workload = t with { RateScale = t.RateScale * SaturationRateScale } },
        _ => s,
    };

    /// <summary>Whether each (latency, throughput) point is not dominated (lower latency and higher throughput are better).</summary>
    public static bool[] ParetoFrontier(IReadOnlyList<(double LatencyMs, double Throughput)> points)
    {
        var result = new bool[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            var (li, ti) = points[i];
            result[i] = !double.IsNaN(li) && !double.IsNaN(ti) && !points.Any(p =>
                p.LatencyMs <= li && p.Throughput >= ti && (p.LatencyMs < li || p.Throughput > ti));
        }

        return result;
    }

    private static double AtSloRate(PointResult saturated, CapacityResult? capacity, string metric) =>
        (capacity is null ? saturated : capacity.AtCapacity)?[metric].Mean ?? double.NaN;

    private static int[] Order(IReadOnlyList<(int Index, PointResult Load, PointResult Sat, CapacityResult? Cap)> rows, PlanObjective objective)
    {
        static double Key(double x, bool higherBetter) => double.IsNaN(x) ? double.PositiveInfinity : higherBetter ? -x : x;
        IOrderedEnumerable<(int Index, PointResult Load, PointResult Sat, CapacityResult? Cap)> sorted = objective switch
        {
            PlanObjective.Latency => rows.OrderBy(r => Key(r.Load["e2el_p99_ms"].Mean, false)).ThenBy(r => Key(r.Load["ttft_p99_ms"].Mean, false)),
            PlanObjective.Throughput => rows.OrderBy(r => Key(r.Sat["output_tokens_per_s_per_gpu"].Mean, true)),
            PlanObjective.Cost => rows.OrderBy(r => Key(AtSloRate(r.Sat, r.Cap, "usd_per_million_output_tokens"), false)).ThenBy(r => Key(r.Cap?.RequestsPerSecondPerGpu ?? double.NaN, true)),
            _ => rows.OrderBy(r => Key(AtSloRate(r.Sat, r.Cap, "energy_j_per_output_token"), false)).ThenBy(r => Key(r.Cap?.RequestsPerSecondPerGpu ?? double.NaN, true)),
        };
        return sorted.ThenBy(r => r.Index).Select(r => r.Index).ToArray();
    }
}
