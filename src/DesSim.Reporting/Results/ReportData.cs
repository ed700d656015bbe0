using DesSim.Core.Metrics;
using DesSim.Core.Scheduling;

namespace DesSim.Reporting.Results;

/// <summary>Everything <c>report.html</c> shows, as it stands in a run's output files: read back from a result directory
/// (<see cref="ResultDirectoryReader"/>), by <c>dessim run</c> from the files it has just staged and by <c>dessim report</c>
/// from a finished directory, so both give the same report bytes.</summary>
/// <remarks>Numbers carry the precision of the files (summary.json: 6 decimals; CSV: ms and ratios 6 decimals,
/// seconds 9; timeline: nanoseconds). Latencies in ms, shares 0..1, times in seconds unless named otherwise.
/// NaN stands for "no value" (null in JSON, empty CSV field).</remarks>
/// <param name="Name">Scenario name.</param>
/// <param name="Deployment">One-line deployment description (the report's subtitle).</param>
/// <param name="Model">Model name.</param>
/// <param name="Gpu">GPU name.</param>
/// <param name="Layout">Parallel layout, e.g. TP4xPP2.</param>
/// <param name="Scheduler">Scheduler policy and limits, one line.</param>
/// <param name="EngineOverheads">Engine-overheads preset name.</param>
/// <param name="Seed">Random seed, as text.</param>
/// <param name="ScenarioYaml">The scenario file text echoed in the report.</param>
/// <param name="Summary">Headline numbers.</param>
/// <param name="Slo">Service-level objectives.</param>
/// <param name="Notes">Run notes (warnings).</param>
/// <param name="TtftMs">TTFT of every completed request.</param>
/// <param name="TpotMs">TPOT of every completed request with more than one output token.</param>
/// <param name="E2elMs">End-to-end latency of every completed request.</param>
/// <param name="ItlQuantilesMs">Inter-token latency at <see cref="ItlQuantileCount"/> evenly spaced quantiles (empty when no gaps).</param>
/// <param name="Gpus">Time shares of every GPU.</param>
/// <param name="TimeSeries">Time-series samples.</param>
/// <param name="Stages">Pipeline stages per replica.</param>
/// <param name="Timeline">Stage executions and transfers of the timeline window as written to trace.json, or null when no trace was written.</param>
public sealed record ReportData(
    string Name,
    string Deployment,
    string Model,
    string Gpu,
    string Layout,
    string Scheduler,
    string EngineOverheads,
    string Seed,
    string ScenarioYaml,
    RunSummary Summary,
    SloSpec Slo,
    IReadOnlyList<string> Notes,
    IReadOnlyList<double> TtftMs,
    IReadOnlyList<double> TpotMs,
    IReadOnlyList<double> E2elMs,
    IReadOnlyList<double> ItlQuantilesMs,
    IReadOnlyList<GpuShares> Gpus,
    IReadOnlyList<TimeSeriesRow> TimeSeries,
    int Stages,
    IReadOnlyList<TimelineSpan>? Timeline)
{
    /// <summary>ITL quantiles stored in <c>itl_quantiles.csv</c>: p = 0, 0.001, …, 1.</summary>
    public const int ItlQuantileCount = 1001;

    /// <summary>Per completed request, its prefix-cache lookup (empty unless the run cached prefixes: requests.csv has
    /// <c>cached_tokens</c>).</summary>
    public IReadOnlyList<PrefixSample> PrefixSamples { get; init; } = [];

    /// <summary>GPU energy per output token, J (summary.json <c>energy.j_per_output_token</c>; NaN without power figures).</summary>
    public double JoulesPerOutputToken { get; init; } = double.NaN;

    /// <summary>Total cost per million output tokens, USD (summary.json <c>cost.usd_per_million_output_tokens.total</c>; NaN without prices).</summary>
    public double UsdPerMillionOutputTokens { get; init; } = double.NaN;
}
