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
    LogHistogram InterTokenLatency)
{
    /// <summary>Disaggregated runs: one record per prefill-to-decode hand-off, by request id; empty otherwise.</summary>
    public IReadOnlyList<KvTransferRecord> KvTransfers { get; init; } = [];

    /// <summary>Whether the run had pools (heterogeneous groups or disaggregation): requests.csv and gpus.csv gain their columns.</summary>
    public bool HasPools => Summary.Pools is not null;
}
