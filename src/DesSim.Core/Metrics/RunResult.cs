using DesSim.Core.Hardware;
using DesSim.Core.Statistics;

namespace DesSim.Core.Metrics;

/// <summary>Everything one run produced: the summary, per-request, per-GPU and per-link records, samples and the timeline window.</summary>
public sealed record RunResult(
    RunSummary Summary,
    IReadOnlyList<RequestRecord> Requests,
    IReadOnlyList<GpuRecord> Gpus,
    IReadOnlyList<LinkUsage> Links,
    IReadOnlyList<TimeSeriesRow> TimeSeries,
    IReadOnlyList<TimelineSpan> Timeline,
    TimelineWindow TimelineWindow,
    bool TimelineTruncated,
    IReadOnlyList<string> Notes,
    LogHistogram InterTokenLatency);
