namespace DesSim.Core.Cost;

/// <summary>Prices a tensor-parallel group's all-reduce: from measured NCCL tables when they cover it, else ring alpha-beta.</summary>
/// <remarks>Bandwidth in bytes/s per direction of the group's bottleneck link; α in seconds per ring step. Closed form only (no link events).</remarks>
public sealed class TpCollectiveModel
{
    private readonly NcclTable? _table;
    private readonly RunNotes _notes;
    private Func<long, double>? _calibrated;
    private readonly LatencyMemo _allReduceMemo = new(); // bytes -> table latency, NaN when not covered

    /// <summary>Creates the model for a group of <paramref name="gpus"/> GPUs.</summary>
    public TpCollectiveModel(int gpus, double bandwidthBytesPerSecond, double alphaSeconds, NcclTable? table, RunNotes notes)
    {
        Gpus = gpus;
        BandwidthBytesPerSecond = bandwidthBytesPerSecond;
        AlphaSeconds = alphaSeconds;
        _table = table;
        _notes = notes;
    }

    /// <summary>GPUs in the group.</summary>
    public int Gpus { get; }

    /// <summary>Bottleneck link bandwidth, bytes/s.</summary>
    public double BandwidthBytesPerSecond { get; }

    /// <summary>Per-step latency, seconds.</summary>
    public double AlphaSeconds { get; }

    /// <summary>Whether measured tables are consulted.</summary>
    public bool UsesMeasuredTable => _table is not null;

    /// <summary>A copy whose all-reduce is priced by <paramref name="allReduceSeconds"/> (a user's calibration) instead of tables.</summary>
    public TpCollectiveModel WithCalibration(Func<long, double> allReduceSeconds) =>
        new(Gpus, BandwidthBytesPerSecond, AlphaSeconds, _table, _notes) { _calibrated = allReduceSeconds };

    /// <summary>Seconds of one all-reduce of <paramref name="bytes"/>.</summary>
    public double AllReduceSeconds(long bytes)
    {
        if (Gpus <= 1 || bytes <= 0)
        {
            return 0;
        }

        if (_calibrated is not null)
        {
            return _calibrated(bytes);
        }

        if (_table is not null)
        {
            if (!_allReduceMemo.TryGet(bytes, out double s))
            {
                s = _table.TryLatencySeconds("all_reduce", Gpus, bytes, out double t) ? t : double.NaN;
                _allReduceMemo.Set(bytes, s);
            }

            if (!double.IsNaN(s))
            {
                return s;
            }

            _notes.Once("nccl-range", $"measured NCCL tables do not cover all_reduce of {bytes} bytes over {Gpus} GPUs; using the ring closed form");
        }

        return CollectiveCost.RingAllReduceSeconds(bytes, Gpus, BandwidthBytesPerSecond, AlphaSeconds);
    }

    /// <summary>Seconds of an all-gather producing <paramref name="bytes"/> on every GPU of the group (ring closed form).</summary>
    public double AllGatherSeconds(long bytes) => CollectiveCost.RingAllGatherSeconds(bytes, Gpus, BandwidthBytesPerSecond, AlphaSeconds);

    /// <summary>Seconds of a reduce-scatter of <paramref name="bytes"/> per GPU (ring closed form).</summary>
    public double ReduceScatterSeconds(long bytes) => CollectiveCost.RingReduceScatterSeconds(bytes, Gpus, BandwidthBytesPerSecond, AlphaSeconds);

    /// <summary>Seconds of an all-to-all where each GPU holds <paramref name="bytesPerGpu"/> to scatter (closed form).</summary>
    public double AllToAllSeconds(long bytesPerGpu) => CollectiveCost.AllToAllSeconds(bytesPerGpu, Gpus, BandwidthBytesPerSecond, AlphaSeconds);
}
