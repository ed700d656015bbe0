using DesSim.Core.Cost;
using DesSim.Core.Execution;
using DesSim.Core.Scheduling;
using DesSim.Core.Statistics;
using DesSim.Engine;

namespace DesSim.Core.Metrics;

/// <summary>Subscribes to the executor and keeps what the reports need: per-request records, the ITL histogram,
/// the time series and a window of the pipeline timeline.</summary>
/// <remarks>Memory: the request records go to a <see cref="RequestLog"/> (in memory for small runs, a spill file past
/// <see cref="RequestLog.MemoryRecords"/>), plus a fixed histogram, one row per sample, and at most
/// <see cref="TimelineWindow.MaxSpans"/> spans.</remarks>
public sealed class MetricsCollector : IServingObserver
{
    private readonly RequestLog _records;
    private readonly List<TimeSeriesRow> _samples = [];
    private readonly List<TimelineSpan> _spans = [];
    private readonly TimelineWindow _window;
    private readonly long _windowStartNs;
    private readonly long _windowEndNs;
    private long _tokensAtLastSample;
    private long _lastSampleNs;
    private readonly HashSet<long> _retried = [];

    private readonly List<KvTransferRecord> _kvTransfers = [];

    /// <summary>Creates a collector keeping timeline spans inside <paramref name="window"/>.</summary>
    public MetricsCollector(TimelineWindow? window = null, RequestLog? log = null)
    {
        _records = log ?? new RequestLog();
        _window = window ?? new TimelineWindow();
        _windowStartNs = SimTime.FromSeconds(_window.StartSeconds).Nanoseconds;
        _windowEndNs = _windowStartNs + SimTime.FromSeconds(_window.DurationSeconds).Nanoseconds;
    }

    /// <summary>Integrates GPU power over the spans; null when the GPU has no power figures.</summary>
    public EnergyMeter? Energy { get; init; }

    /// <summary>Where each stage's GPUs spent their time, from the stage and transfer spans.</summary>
    public GpuTimeAccounting GpuTime { get; } = new();

    /// <summary>Inter-token latencies (ns).</summary>
    public LogHistogram InterTokenLatency { get; } = new();

    /// <summary>Output tokens emitted.</summary>
    public long OutputTokens { get; private set; }

    /// <summary>Requests that arrived.</summary>
    public long Arrived { get; private set; }

    /// <summary>Time of the first arrival (ns), or -1.</summary>
    public long FirstArrivalNs { get; private set; } = -1;

    /// <summary>Whether the timeline hit its span cap.</summary>
    public bool TimelineTruncated { get; private set; }

    /// <summary>Records of completed and rejected requests, in id order (the result owns them after <see cref="CompleteRecords"/>).</summary>
    public RequestLog Records => _records;

    /// <summary>Ends the run's records (<see cref="RequestLog.Complete"/>) and returns them.</summary>
    public RequestLog CompleteRecords()
    {
        _records.Complete();
        return _records;
    }

    /// <summary>Samples in time order.</summary>
    public IReadOnlyList<TimeSeriesRow> Samples => _samples;

    /// <summary>Spans kept for the timeline, in start order per stage.</summary>
    public IReadOnlyList<TimelineSpan> Spans => _spans;

    /// <summary>The timeline window.</summary>
    public TimelineWindow Window => _window;

    /// <inheritdoc />
    public void OnArrived(Sequence sequence, SimTime now)
    {
        Arrived++;
        _records.OnArrived(sequence.Id);
        if (FirstArrivalNs < 0)
        {
            FirstArrivalNs = now.Nanoseconds;
        }
    }

    /// <inheritdoc />
    public void OnScheduled(Sequence sequence, SimTime now)
    {
    }

    /// <inheritdoc />
    public void OnPreempted(Sequence sequence, SimTime now)
    {
    }

    /// <inheritdoc />
    public void OnToken(Sequence sequence, SimTime now, bool first)
    {
        OutputTokens++;
        if (!first && sequence.LastToken is { } previous)
        {
            InterTokenLatency.Record(now.Nanoseconds - previous.Nanoseconds);
        }
    }

    /// <inheritdoc />
    public void OnCompleted(Sequence s, SimTime now) =>
        _records.Add(new RequestRecord(
            s.Id,
            s.Replica,
            s.PromptTokens,
            s.OutputTokens,
            s.Arrival,
            s.FirstScheduled ?? RequestRecord.NotReached,
            s.FirstToken ?? RequestRecord.NotReached,
            now,
            s.Preemptions,
            SimTime.FromNanoseconds(s.MaxInterTokenNanoseconds),
            Rejected: false,
            s.CachedTokens,
            s.LoadedTokens));

    /// <inheritdoc />
    public void OnRejected(Sequence s, SimTime now, string reason) =>
        _records.Add(new RequestRecord(s.Id, s.Replica, s.PromptTokens, s.OutputTokens, s.Arrival, RequestRecord.NotReached, RequestRecord.NotReached, RequestRecord.NotReached, 0, SimTime.Zero, Rejected: true));

    /// <summary>Disaggregated runs: the KV hand-offs so far, in completion order.</summary>
    public IReadOnlyList<KvTransferRecord> KvTransfers => _kvTransfers;

    /// <inheritdoc />
    public void OnKvTransfer(Sequence sequence, int prefillReplica, int decodeReplica, SimTime ready, SimTime start, SimTime end, long bytes) =>
        _kvTransfers.Add(new KvTransferRecord(sequence.Id, prefillReplica, decodeReplica, sequence.FinalPassNanoseconds, ready.Nanoseconds, start.Nanoseconds, end.Nanoseconds, bytes));

    /// <inheritdoc />
    public void OnRetried(Sequence sequence, SimTime now) => _retried.Add(sequence.Id);

    /// <summary>Whether request <paramref name="id"/> was retried after a replica failure.</summary>
    public bool WasRetried(long id) => _retried.Contains(id);

    /// <inheritdoc />
    public void OnStageSpan(int replica, int stage, long microBatch, SimTime start, SimTime end, in StageCost cost, int tokens)
    {
        GpuTime.OnStageSpan(replica, stage, cost);
        Energy?.OnStageSpan(replica, stage, start.Nanoseconds, end.Nanoseconds, cost);
        KeepSpan(new TimelineSpan(replica, stage, microBatch, start.Nanoseconds, end.Nanoseconds, false, tokens));
    }

    /// <inheritdoc />
    public void OnStageSpanAborted(int replica, int stage, long microBatch, SimTime start, SimTime abortedAt, in StageCost cost) =>
        GpuTime.OnStageSpanAborted(replica, stage, start, abortedAt, cost);

    /// <inheritdoc />
    public void OnTransferSpan(int replica, int stage, long microBatch, SimTime start, SimTime end, long bytes)
    {
        GpuTime.OnTransferSpan(replica, stage, start, end);
        Energy?.OnTransferSpan(replica, stage, start.Nanoseconds, end.Nanoseconds);
        KeepSpan(new TimelineSpan(replica, stage, microBatch, start.Nanoseconds, end.Nanoseconds, true, 0));
    }

    /// <inheritdoc />
    public void OnSample(SimTime now, in ClusterSnapshot snapshot)
    {
        double dt = (now.Nanoseconds - _lastSampleNs) / 1e9;
        double rate = dt > 0 ? (OutputTokens - _tokensAtLastSample) / dt : 0;
        _samples.Add(new TimeSeriesRow(
            now.Seconds,
            snapshot.WaitingRequests,
            snapshot.RunningRequests,
            snapshot.InFlightTokens,
            snapshot.KvCapacityBlocks > 0 ? snapshot.KvUsedBlocks / (double)snapshot.KvCapacityBlocks : 0,
            rate));
        _tokensAtLastSample = OutputTokens;
        _lastSampleNs = now.Nanoseconds;
    }

    private void KeepSpan(in TimelineSpan span)
    {
        if (span.StartNs < _windowStartNs || span.StartNs >= _windowEndNs)
        {
            return;
        }

        if (_spans.Count >= _window.MaxSpans)
        {
            TimelineTruncated = true;
            return;
        }

        _spans.Add(span);
    }
}
