using DesSim.Core.Metrics;
using DesSim.Core.Configuration;
using DesSim.Core.Studies;
using DesSim.Reporting.Charts;
using DesSim.Reporting.Csv;
using DesSim.Reporting.Html;
using DesSim.Reporting.Output;

namespace DesSim.Reporting.Sweeps;

/// <summary>Writes a plan's <c>plan.csv</c> (ranked layouts) and, optionally, <c>plan.html</c> (ranking, why, Pareto, capacity).</summary>
/// <remarks>Columns: rank, layout (a split's label names its pools, e.g. <c>PD 3xTP2 + 1xTP4</c>; its tp … cp cells are empty), tp, pp, dp, ep, cp, gpus, ttft/tpot p50 and p99 (± 95% half-width with replications),
/// e2el_p99_ms, tokens/s per GPU at the load and at saturation, capacity_rps and per GPU, slo_holds, slo_within_noise, pareto,
/// bubble, TP communication and other communication (EP all-to-all, CP ring/combine) shares of GPU time at the load, USD per
/// million output tokens, J per output token and average/peak cluster power at the SLO rate (the capacity point, or saturation
/// without an SLO bound), the per-GPU power cap (from <c>--power-budget-w</c>), why.</remarks>
public static class PlanOutputs
{
    /// <summary>Column names of <c>plan.csv</c>.</summary>
    public static readonly string[] Headers =
    [
        "rank", "layout", "tp", "pp", "dp", "ep", "cp", "gpus", RunMetrics.TtftP50Ms.Name, RunMetrics.TtftP99Ms.Name, RunMetrics.TtftP99Ms.Name + "_ci95", RunMetrics.TpotP50Ms.Name, RunMetrics.TpotP99Ms.Name, RunMetrics.TpotP99Ms.Name + "_ci95",
        RunMetrics.E2elP99Ms.Name, "output_tokens_per_s_per_gpu_at_load", "max_output_tokens_per_s_per_gpu", "capacity_rps", "capacity_rps_per_gpu",
        "slo_holds", "slo_within_noise", "pareto", RunMetrics.BubbleShare.Name, RunMetrics.TpCommShare.Name, RunMetrics.OtherCommShare.Name,
        RunMetrics.UsdPerMillionOutputTokens.Name, RunMetrics.EnergyPerOutputToken.Name, "average_power_w_at_slo_rate", "peak_power_w_at_slo_rate", "power_cap_w", "why",
    ];

    /// <summary>The rows of <c>plan.csv</c>.</summary>
    public static IEnumerable<IReadOnlyList<object?>> Rows(PlanResult plan) => plan.Ranked.Select(a => (IReadOnlyList<object?>)
    [
        a.Rank, a.Label, Degree(a, a.Layout.Tp), Degree(a, a.Layout.Pp), Degree(a, a.Layout.Dp), Degree(a, a.Layout.Ep), Degree(a, a.Layout.Cp), a.Layout.GpuCount,
        R(a.AtLoad[RunMetrics.TtftP50Ms].Mean), R(a.AtLoad[RunMetrics.TtftP99Ms].Mean), Ci(plan, a.AtLoad[RunMetrics.TtftP99Ms]),
        R(a.AtLoad[RunMetrics.TpotP50Ms].Mean), R(a.AtLoad[RunMetrics.TpotP99Ms].Mean), Ci(plan, a.AtLoad[RunMetrics.TpotP99Ms]),
        R(a.LatencyMs), R(a.AtLoad[RunMetrics.OutputThroughputPerGpu].Mean), R(a.MaxThroughputPerGpu),
        R(a.Capacity?.RequestsPerSecond), R(a.Capacity?.RequestsPerSecondPerGpu),
        a.AtLoad.SloHolds, a.AtLoad.VerdictWithinNoise, a.OnParetoFrontier, R(a.AtLoad[RunMetrics.BubbleShare].Mean), R(a.AtLoad[RunMetrics.TpCommShare].Mean), R(a.AtLoad[RunMetrics.OtherCommShare].Mean),
        R(a.UsdPerMillionTokens), R(a.JoulesPerToken), R(a.AtSloRate?[RunMetrics.AveragePower].Mean), R(a.AtSloRate?[RunMetrics.PeakPower].Mean), R(plan.Base.Deployment.Cluster.PowerCapWatts), a.Why,
    ]);

    /// <summary>Writes the files into the staged <paramref name="output"/> (the caller commits); returns the names written.</summary>
    public static IReadOnlyList<string> Write(AtomicDirectory output, PlanResult plan, string title, bool report)
    {
        ArgumentNullException.ThrowIfNull(output);
        var files = Files(plan, title, report);
        foreach (var (name, text) in files)
        {
            output.WriteAllText(name, text);
        }

        return files.Select(f => f.Name).ToArray();
    }

    /// <summary>The files of a plan, by name, <c>plan.csv</c> first (the cluster merge publishes them one by one, in reverse,
    /// so <c>plan.csv</c> appearing means the rest are there).</summary>
    public static IReadOnlyList<(string Name, string Text)> Files(PlanResult plan, string title, bool report)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var files = new List<(string, string)> { ("plan.csv", CsvOutput.RowsToCsv(Headers, Rows(plan))), ("scenario.yaml", plan.Base.YamlText) };
        if (report)
        {
            files.Add(("plan.html", Html(plan, title)));
        }

        return files;
    }

    private static string Html(PlanResult plan, string title)
    {
        var html = new HtmlReport(title)
        {
            Subtitle = $"{plan.Base.Deployment.Model.Name} on {plan.Base.Deployment.Cluster.TotalGpus}× {string.Join("+", plan.Base.Deployment.Cluster.Groups.Select(g => g.Gpu.Name))}; preset {plan.Preset.Name}; {CapacityOutputs.SloText(plan.Preset.Slo)}; objective {plan.Objective.ToString().ToLowerInvariant()}; {plan.Replications} replication(s); {plan.Simulations} simulations",
        };
        foreach (var a in plan.Ranked.Take(3))
        {
            html.AddText($"#{a.Rank} {a.Label}", a.Why);
        }

        if (plan.DisaggregationVerdict is { } verdict)
        {
            html.AddText("Disaggregation", verdict);
        }

        var ranked = plan.Ranked;
        var labels = ranked.Select(a => a.Label).ToArray();
        var latency = ranked.Select(a => a.LatencyMs).ToArray();
        html.AddChart("Throughput per GPU vs latency", StudyCharts.ThroughputLatencyPareto(labels, latency, ranked.Select(a => a.MaxThroughputPerGpu).ToArray(), "p99 E2EL at the load").RenderSvg(), "x: p99 end-to-end latency at the workload's rate; y: output tokens/s per GPU at saturation.");
        if (plan.Objective is PlanObjective.Cost or PlanObjective.Energy)
        {
            bool cost = plan.Objective == PlanObjective.Cost;
            var values = ranked.Select(a => cost ? a.UsdPerMillionTokens : a.JoulesPerToken).ToArray();
            var chart = StudyCharts.PriceLatencyPareto(labels, latency, values, cost ? "Cost per million output tokens" : "Energy per output token", cost ? "USD" : "J", "p99 E2EL at the load");
            html.AddChart(cost ? "Cost per token vs latency" : "Energy per token vs latency", chart.RenderSvg(), $"x: p99 end-to-end latency at the workload's rate; y: {(cost ? "USD per million output tokens" : "GPU joules per output token")} at the SLO rate (lower is better on both).");
        }
        if (ranked.All(a => a.Capacity is not null))
        {
            html.AddChart("SLO capacity per GPU", CapacityOutputs.Bars(labels, ranked.Select(a => a.Capacity!).ToArray()).RenderSvg());
        }

        var shares = ranked.Select(a => (IReadOnlyList<double>)[a.AtLoad[RunMetrics.ComputeShare].Mean, a.AtLoad[RunMetrics.TpCommShare].Mean, a.AtLoad[RunMetrics.PpCommShare].Mean, a.AtLoad[RunMetrics.OtherCommShare].Mean, a.AtLoad[RunMetrics.BubbleShare].Mean, a.AtLoad[RunMetrics.IdleShare].Mean]).ToArray();
        var breakdown = RunCharts.GpuTimeBreakdown("GPU time at the load", labels, shares);
        html.AddChart("Where GPU time goes", breakdown.RenderSvg());
        html.AddTable("Ranking", Headers, Rows(plan).Select(r => (IReadOnlyList<string>)r.Select(Cell).ToArray()));
        if (plan.Rejected.Count > 0)
        {
            html.AddText("Layouts that do not fit", string.Join("\n", plan.Rejected));
        }

        return html.Render();
    }

    // A split's rows leave the TP/PP/DP/EP/CP columns empty: its pools have their own degrees (in the label).
    private static object? Degree(LayoutAssessment a, int degree) => a.Pools is { Disaggregated: true } ? null : degree;

    private static object? R(double? x) => x is { } v && !double.IsNaN(v) ? Math.Round(v, SweepTable.Decimals, MidpointRounding.AwayFromZero) : null;

    private static object? Ci(PlanResult plan, ReplicatedValue v) => plan.Replications > 1 ? R(v.HalfWidth95) : null;

    private static string Cell(object? v) => v switch
    {
        null => string.Empty,
        double d => NumberFormat.Significant(d),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? string.Empty,
    };
}
