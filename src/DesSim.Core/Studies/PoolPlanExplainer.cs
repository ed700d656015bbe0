using System.Globalization;
using DesSim.Core.Metrics;

namespace DesSim.Core.Studies;

/// <summary>The why-text of pool layouts in <c>dessim plan</c>: for a prefill/decode split, what removing prefill/decode
/// interference bought against what the split costs (the KV hand-off, back-pressure, pools that idle), measured against the
/// best colocated layout of the same plan; and the plan's verdict on disaggregation.</summary>
/// <remarks>Every figure comes from the runs the ranking used: the saturated run under <see cref="PlanObjective.Throughput"/>,
/// else the run at the workload's load; the idle pools from the saturated run (where an unbalanced split shows).</remarks>
public static class PoolPlanExplainer
{
    /// <summary>The explanation of split <paramref name="a"/> under <paramref name="objective"/>, against
    /// <paramref name="colocated"/> (the best-ranked colocated layout; null when the plan has none).</summary>
    public static string Why(LayoutAssessment a, LayoutAssessment? colocated, PlanObjective objective, SloSpec slo)
    {
        ArgumentNullException.ThrowIfNull(a);
        var layout = a.Pools ?? throw new ArgumentException("not a pool layout", nameof(a));
        bool sat = objective == PlanObjective.Throughput;
        string when = sat ? "at saturation" : "at this load";
        var basis = sat ? a.Saturated : a.AtLoad;
        var parts = new List<string> { PlanExplainer.Headline(a, objective) };
        parts.Add(string.Join(", ", layout.Pools.Select(p => $"{p.Name} {PoolText(layout, p)} {Pct(PoolMean(basis, p.Name, s => s.Utilization))} busy") ) + " " + when);
        if (colocated is not null)
        {
            var c = sat ? colocated.Saturated : colocated.AtLoad;
            double tpot = basis[RunMetrics.TpotP99Ms].Mean, tpotC = c[RunMetrics.TpotP99Ms].Mean;
            var (decode, prefill) = (layout.Decode!, layout.Prefill!);
            int tpC = colocated.Layout.Tp;
            parts.Add(tpot < tpotC
                ? $"p99 TPOT {F(tpot, 1)} ms vs {F(tpotC, 1)} ms for {colocated.Label}: decode steps carry no prefill work (interference removed)"
                : $"p99 TPOT {F(tpot, 1)} ms vs {F(tpotC, 1)} ms for {colocated.Label}: " + (decode.Tp < tpC
                    ? Inv($"decode instances of TP{decode.Tp} (vs TP{tpC}) take longer per step than removing prefill interference saves")
                    : Inv($"the decode pool ({decode.Instances}×TP{decode.Tp} on {layout.GpuOf(decode)}) decodes more slowly than the colocated replicas, which decode on all {layout.GpuCount} GPUs")));
            double ttft = basis[RunMetrics.TtftP99Ms].Mean, ttftC = c[RunMetrics.TtftP99Ms].Mean;
            parts.Add(ttft <= ttftC
                ? $"p99 TTFT {F(ttft, 0)} ms vs {F(ttftC, 0)} ms (prefills do not wait behind decode batches)"
                : $"p99 TTFT {F(ttft, 0)} ms vs {F(ttftC, 0)} ms (" + (prefill.Tp < tpC
                    ? Inv($"prefill instances of TP{prefill.Tp} vs TP{tpC}: each prompt takes longer")
                    : Inv($"prompts queue on the prefill pool's {prefill.Instances * prefill.GpusPerInstance} GPU(s)")) + ")");
        }

        double kv = Mean(basis, s => s.KvTransferMs?.Mean ?? double.NaN), e2el = Mean(basis, s => s.E2elMs.Mean);
        parts.Add($"KV hand-off {F(kv, 1)} ms exposed per request ({Pct(kv / e2el)} of mean E2EL; transfers in flight {Pct(Mean(basis, s => s.KvTransferShare ?? 0))} of GPU time, beside compute)");
        double wait = Mean(basis, s => s.KvWaitMs?.P99 ?? 0);
        if (wait > 0)
        {
            parts.Add($"back-pressure: prefilled requests waited for decode KV room, p99 {F(wait, 0)} ms");
        }

        foreach (var p in layout.Pools)
        {
            double idle = PoolMean(a.Saturated, p.Name, s => s.IdleShare);
            if (idle >= PlanExplainer.NotableShare)
            {
                parts.Add($"at saturation the {p.Name} pool idles {Pct(idle)} of its GPU time (its GPUs cannot serve the other phase)");
            }
        }

        if (a.AtLoad.VerdictWithinNoise)
        {
            parts.Add("SLO verdict at this load is within the noise (a p99 bound lies inside its 95% interval)");
        }
        else if (PointResult.Bounds(slo).Any())
        {
            parts.Add(a.AtLoad.SloHolds ? "meets the SLO at this load" : "misses the SLO at this load");
        }

        if (colocated is not null)
        {
            parts.Add(a.Rank < colocated.Rank ? $"ranks ahead of the best colocated layout {colocated.Label} (#{colocated.Rank})" : $"ranks behind the best colocated layout {colocated.Label} (#{colocated.Rank})");
        }

        return string.Join("; ", parts);
    }

    /// <summary>The why-text of a colocated layout over node groups: the colocated explanation and where its replicas run.</summary>
    public static string WhyOverGroups(LayoutAssessment a, string colocatedWhy)
    {
        ArgumentNullException.ThrowIfNull(a);
        var layout = a.Pools ?? throw new ArgumentException("not a pool layout", nameof(a));
        return colocatedWhy + "; replicas: " + string.Join(", ", layout.Pools.Select(p => Inv($"{p.Instances} on {layout.GpuOf(p)}")));
    }

    /// <summary>Whether the best split of <paramref name="ranked"/> beats its best colocated layout under
    /// <paramref name="objective"/>, with the figures that decide it; null when the plan lacks either kind.</summary>
    public static string? Verdict(IReadOnlyList<LayoutAssessment> ranked, PlanObjective objective)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        var split = ranked.FirstOrDefault(a => a.Pools is { Disaggregated: true });
        var colocated = ranked.FirstOrDefault(a => a.Pools is not { Disaggregated: true });
        if (split is null || colocated is null)
        {
            return null;
        }

        var (name, x, y, unit, higher) = Figure(objective, split, colocated);
        bool wins = split.Rank < colocated.Rank;
        string figures = double.IsNaN(x) || double.IsNaN(y)
            ? $"{name} is not known for both (runs on mixed GPUs report no cost or energy; ranked by SLO capacity per GPU)"
            : $"{name} {F(x, 3)} vs {F(y, 3)} {unit}{(higher ? " (higher is better)" : " (lower is better)")}";
        string reason = wins
            ? "removing prefill/decode interference outweighs the KV transfer and the pools' idle time"
            : "the KV transfer and the pools that idle (a split's GPUs serve one phase only) cost more than removing prefill/decode interference gains";
        return $"disaggregation {(wins ? "wins" : "loses")} under the {objective.ToString().ToLowerInvariant()} objective: best split {split.Label} (#{split.Rank}) vs best colocated {colocated.Label} (#{colocated.Rank}): {figures}; {reason}. Per-split reasons are in each split's why.";
    }

    private static (string Name, double Split, double Colocated, string Unit, bool HigherBetter) Figure(PlanObjective objective, LayoutAssessment s, LayoutAssessment c)
    {
        var (name, unit, higher, read) = objective switch
        {
            PlanObjective.Latency => ("p99 E2EL", "ms", false, (Func<LayoutAssessment, double>)(a => a.LatencyMs)),
            PlanObjective.Throughput => ("saturated output tok/s per GPU", "tok/s", true, a => a.MaxThroughputPerGpu),
            PlanObjective.Cost => ("USD per million output tokens at the SLO rate", "USD", false, a => a.UsdPerMillionTokens),
            _ => ("J per output token at the SLO rate", "J", false, a => a.JoulesPerToken),
        };
        double x = read(s), y = read(c);
        if ((double.IsNaN(x) || double.IsNaN(y)) && s.Capacity is not null && c.Capacity is not null)
        {
            return ($"{name} unknown; SLO capacity per GPU", s.Capacity.RequestsPerSecondPerGpu, c.Capacity.RequestsPerSecondPerGpu, "req/s", true);
        }

        return (name, x, y, unit, higher);
    }

    private static string PoolText(PoolLayout layout, Parallelism.PoolSpec p) =>
        Inv($"{p.Instances}×TP{p.Tp}") + (p.Pp > 1 ? Inv($"xPP{p.Pp}") : string.Empty) + $" on {layout.GpuOf(p)}";

    private static double Mean(PointResult r, Func<RunSummary, double> read) => r.Runs.Count == 0 ? double.NaN : r.Runs.Average(read);

    private static double PoolMean(PointResult r, string pool, Func<PoolSummary, double> read) =>
        Mean(r, s => s.Pools?.FirstOrDefault(p => p.Name == pool) is { } p ? read(p) : double.NaN);

    private static string F(double x, int decimals) => PlanExplainer.F(x, decimals);

    private static string Pct(double share) => PlanExplainer.Pct(share);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
