using DesSim.Core.Metrics;

namespace DesSim.Core.Scenarios;

/// <summary>What a run writes beyond the summary: time-series step, timeline window, HTML report.</summary>
/// <param name="TimeSeriesStepSeconds">Sampling step of <c>timeseries.csv</c> in seconds (0 = none).</param>
/// <param name="Timeline">Window of stage spans kept for the pipeline chart and <c>trace.json</c>.</param>
/// <param name="Report">Whether to write <c>report.html</c>.</param>
/// <param name="ChromeTrace">Whether to write <c>trace.json</c>.</param>
public sealed record OutputSpec(double TimeSeriesStepSeconds, TimelineWindow Timeline, bool Report, bool ChromeTrace)
{
    /// <summary>How latency percentiles are computed (<c>outputs.percentiles</c>: auto, exact or sketch; default auto).</summary>
    public PercentileMode Percentiles { get; init; } = PercentileMode.Auto;

    /// <summary>Default sampling step: one second of simulated time.</summary>
    public const double DefaultTimeSeriesStepSeconds = 1.0;

    /// <summary>Defaults: 1 s samples, the first 5 s of the pipeline, no report, a Chrome trace.</summary>
    public static readonly OutputSpec Default = new(DefaultTimeSeriesStepSeconds, new TimelineWindow(), Report: false, ChromeTrace: true);
}
