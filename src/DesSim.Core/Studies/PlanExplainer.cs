using System.Globalization;
using DesSim.Core.Metrics;

namespace DesSim.Core.Studies;

/// <summary>A short plain-language explanation of a layout's rank from its time breakdown and SLO results.</summary>
/// <remarks>Mentions a share only when it matters: a pipeline bubble of at least <see cref="NotableShare"/> of GPU time, TP
/// communication of at least that share (with the intra-node fabric), the all-to-all share of an EP layout and the exposed
/// ring/combine share of a CP layout (always, however small), data-parallel replicas, KV pressure at saturation.</remarks>
public static class PlanExplainer
{
    /// <summary>Smallest share of GPU time worth a sentence (5%: below it the effect is within run-to-run noise).</summary>
    public const double NotableShare = 0.05;

    /// <summary>The explanation for <paramref name="a"/> under <paramref name="objective"/>.</summary>
    public static string Why(LayoutAssessment a, PlanObjective objective, string fabric, SloSpec slo)
    {
        var parts = new List<string> { Headline(a, objective) };
        var load = a.AtLoad;
        // Why: the throughput ranking comes from the saturated run, so its breakdown is the one that explains it.
        var basis = objective == PlanObjective.Throughput ? a.Saturated : load;
        string when = objective == PlanObjective.Throughput ? "at saturation" : "at this load";
        double bubble = basis[RunMetrics.BubbleShare].Mean;
        double tp = basis[RunMetrics.TpCommShare].Mean;
        if (bubble >= NotableShare)
        {
            parts.Add($"{Pct(bubble)} pipeline bubble {when} (stages wait for micro-batches)");
        }

        if (tp >= NotableShare)
        {
            parts.Add($"{Pct(tp)} of GPU time in TP all-reduce over {fabric} {when}");
        }

        // Why: EP and CP are never combined, so the "other communication" share is one of the two; it is named whenever the
        // layout uses it (even when small), since it is the price of the layout.
        double other = basis[RunMetrics.OtherCommShare].Mean;
        if (a.Layout.Ep > 1)
        {
            parts.Add($"EP{a.Layout.Ep}: {Pct(other)} of GPU time in all-to-all (expert dispatch + combine) {when}");
        }
        else if (a.Layout.Cp > 1)
        {
            parts.Add($"CP{a.Layout.Cp}: {Pct(other)} of GPU time in exposed ring-attention K/V exchange and decode combine {when}");
        }

        if (a.Layout.Pp == 1 && tp < NotableShare && bubble < NotableShare && other < NotableShare)
        {
            parts.Add("almost all GPU time is compute");
        }

        if (objective is PlanObjective.Cost or PlanObjective.Energy && a.AtSloRate is { } paid)
        {
            parts.Add(CostDrivers(paid));
        }

        if (a.Layout.Dp > 1)
        {
            parts.Add($"{a.Layout.Dp} replicas split the load, each on {a.Layout.GpusPerReplica} GPU(s)");
        }

        double preempt = a.Saturated[RunMetrics.Preemptions].Mean;
        if (preempt > 0)
        {
            parts.Add($"KV cache full at saturation ({F(preempt, 0)} preemptions)");
        }

        if (load.VerdictWithinNoise)
        {
            parts.Add("SLO verdict at this load is within the noise (a p99 bound lies inside its 95% interval)");
        }
        else if (PointResult.Bounds(slo).Any())
        {
            parts.Add(load.SloHolds ? "meets the SLO at this load" : "misses the SLO at this load");
        }

        return string.Join("; ", parts);
    }

    /// <summary>The figure <paramref name="a"/> is ranked by under <paramref name="objective"/>, as the why-text's first clause.</summary>
    public static string Headline(LayoutAssessment a, PlanObjective objective)
    {
        ArgumentNullException.ThrowIfNull(a);
        var load = a.AtLoad;
        return objective switch
        {
            PlanObjective.Latency => $"p99 E2EL {F(a.LatencyMs, 0)} ms, p99 TTFT {F(load[RunMetrics.TtftP99Ms].Mean, 0)} ms, p99 TPOT {F(load[RunMetrics.TpotP99Ms].Mean, 1)} ms at this load",
            PlanObjective.Throughput => $"{F(a.MaxThroughputPerGpu, 0)} output tok/s per GPU at saturation",
            PlanObjective.Cost => $"{Usd(a.UsdPerMillionTokens)} per million output tokens {SloRate(a)}",
            PlanObjective.Energy => $"{F(a.JoulesPerToken, 2)} J per output token {SloRate(a)}",
            _ => a.Capacity is { } c
                ? $"holds the SLO up to {F(c.RequestsPerSecond, 2)} req/s ({F(c.RequestsPerSecondPerGpu, 3)} per GPU){(c.Bounded ? string.Empty : " or more")}"
                : "no SLO bound: ranked by throughput",
        };
    }

    /// <summary>Where the paid GPU-hours and joules go at the SLO rate: compute, bubbles, idle GPUs, transfers.</summary>
    private static string CostDrivers(PointResult p)
    {
        double transfers = p[RunMetrics.TpCommShare].Mean + p[RunMetrics.PpCommShare].Mean + p[RunMetrics.OtherCommShare].Mean;
        var drivers = new List<(double Share, string Name)>
        {
            (p[RunMetrics.BubbleShare].Mean, "pipeline bubbles"),
            (p[RunMetrics.IdleShare].Mean, "idle GPUs"),
            (transfers, "transfers (TP/PP/EP/CP communication)"),
        };
        var named = drivers.Where(d => d.Share >= NotableShare).OrderByDescending(d => d.Share).Select(d => $"{Pct(d.Share)} {d.Name}").ToList();
        string paid = $"of the GPU-hours paid, {Pct(p[RunMetrics.ComputeShare].Mean)} compute";
        string rest = named.Count == 0 ? "; little is lost to bubbles, idle GPUs or transfers" : ", " + string.Join(", ", named);
        double watts = p[RunMetrics.AveragePower].Mean;
        return paid + rest + (double.IsNaN(watts) ? string.Empty : $" (cluster draws {F(watts, 0)} W on average)");
    }

    private static string SloRate(LayoutAssessment a) => a.Capacity is { } c
        ? c.AtCapacity is null ? "(misses the SLO even at the lowest rate tried)" : $"at its SLO capacity of {F(c.RequestsPerSecond, 2)} req/s{(c.Bounded ? string.Empty : " or more")}"
        : "at saturation (no SLO bound)";

    private static string Usd(double x) => double.IsNaN(x) ? "n/a" : "$" + x.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>Invariant fixed-point text, <c>n/a</c> for NaN.</summary>
    internal static string F(double x, int decimals) => double.IsNaN(x) ? "n/a" : x.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A share as a whole percentage (<c>&lt;1%</c> for small non-zero shares, <c>n/a</c> for NaN).</summary>
    internal static string Pct(double share) => double.IsNaN(share) ? "n/a"
        : share > 0 && share < 0.01 ? "<1%"
        : (share * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";
}
