using DesSim.Core.Units;

namespace DesSim.Core.Cost;

/// <summary>Prices a tensor-parallel group's all-reduce as the engine runs it: its own custom all-reduce where
/// <see cref="CustomAllReduce.Applies"/> (measured custom table), else measured NCCL tables when they cover it, else ring alpha-beta.</summary>
/// <remarks>Bandwidth per direction of the group's bottleneck link; α in seconds per ring step. Closed form only (no link events).</remarks>
public sealed class TpCollectiveModel
{
    private readonly NcclTable? _table;
    private readonly RunNotes _notes;
    private Func<long, double>? _calibrated;
    private NcclTable? _customTable;
    private bool _fullNvLink;
    private readonly LatencyMemo _allReduceMemo = new(); // bytes -> table latency, NaN when not covered

    /// <summary>Creates the model for a group of <paramref name="gpus"/> GPUs.</summary>
    public TpCollectiveModel(int gpus, BytesPerSecond bandwidth, double alphaSeconds, NcclTable? table, RunNotes notes)
    {
        Gpus = gpus;
        Bandwidth = bandwidth;
        AlphaSeconds = alphaSeconds;
        _table = table;
        _notes = notes;
    }

    /// <summary>GPUs in the group.</summary>
    public int Gpus { get; }

    /// <summary>Bottleneck link bandwidth.</summary>
    public BytesPerSecond Bandwidth { get; }

    /// <summary>Per-step latency, seconds.</summary>
    public double AlphaSeconds { get; }

    /// <summary>Whether measured tables are consulted.</summary>
    public bool UsesMeasuredTable => _table is not null;

    /// <summary>The all-reduce the engine runs (NCCL unless <see cref="WithImplementation"/> chose another).</summary>
    public AllReduceImplementation Implementation { get; private init; } = AllReduceImplementation.Nccl;

    /// <summary>A copy whose all-reduce is priced by <paramref name="allReduceSeconds"/> (a user's calibration) instead of tables.</summary>
    public TpCollectiveModel WithCalibration(Func<long, double> allReduceSeconds) =>
        new(Gpus, Bandwidth, AlphaSeconds, _table, _notes) { _calibrated = allReduceSeconds, Implementation = Implementation, _customTable = _customTable, _fullNvLink = _fullNvLink };

    /// <summary>A copy that runs <paramref name="implementation"/>, priced from <paramref name="customTable"/> (measured
    /// custom all-reduce latencies) where <see cref="CustomAllReduce.Applies"/>; NCCL pricing elsewhere.</summary>
    /// <param name="implementation">The engine's all-reduce.</param>
    /// <param name="customTable">Measured custom all-reduce latencies (op <c>all_reduce</c>), or null: then NCCL pricing throughout.</param>
    /// <param name="fullNvLink">Whether every GPU pair of the group is NVLink-connected within one node.</param>
    public TpCollectiveModel WithImplementation(AllReduceImplementation implementation, NcclTable? customTable, bool fullNvLink) =>
        new(Gpus, Bandwidth, AlphaSeconds, _table, _notes) { _calibrated = _calibrated, Implementation = implementation, _customTable = customTable, _fullNvLink = fullNvLink };

    /// <summary>Whether an all-reduce of <paramref name="bytes"/> runs the engine's own kernel (priced from the custom table).</summary>
    public bool UsesCustomKernel(long bytes) =>
        _customTable is not null && CustomAllReduce.Applies(Implementation, Gpus, bytes, _fullNvLink)
        && _customTable.TryLatencySeconds("all_reduce", Gpus, bytes, out _);

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

        if (_table is not null || _customTable is not null)
        {
            if (!_allReduceMemo.TryGet(bytes, out double s))
            {
                s = TableSeconds(bytes);
                _allReduceMemo.Set(bytes, s);
            }

            if (!double.IsNaN(s))
            {
                return s;
            }

            _notes.Once("nccl-range", $"measured NCCL tables do not cover all_reduce of {bytes} bytes over {Gpus} GPUs; using the ring closed form");
        }

        return CollectiveCost.RingAllReduceSeconds(bytes, Gpus, Bandwidth.Value, AlphaSeconds);
    }

    // Why: the engine's kernel where it applies; beyond its limit (or where the custom table has no row) NCCL, as the engines do.
    private double TableSeconds(long bytes)
    {
        if (_customTable is not null && CustomAllReduce.Applies(Implementation, Gpus, bytes, _fullNvLink)
            && _customTable.TryLatencySeconds("all_reduce", Gpus, bytes, out double custom))
        {
            return custom;
        }

        return _table is not null && _table.TryLatencySeconds("all_reduce", Gpus, bytes, out double nccl) ? nccl : double.NaN;
    }

    /// <summary>Seconds of an all-gather producing <paramref name="bytes"/> on every GPU of the group (ring closed form).</summary>
    public double AllGatherSeconds(long bytes) => CollectiveCost.RingAllGatherSeconds(bytes, Gpus, Bandwidth.Value, AlphaSeconds);

    /// <summary>Seconds of a reduce-scatter of <paramref name="bytes"/> per GPU (ring closed form).</summary>
    public double ReduceScatterSeconds(long bytes) => CollectiveCost.RingReduceScatterSeconds(bytes, Gpus, Bandwidth.Value, AlphaSeconds);

    /// <summary>Seconds of an all-to-all where each GPU holds <paramref name="bytesPerGpu"/> to scatter (closed form).</summary>
    public double AllToAllSeconds(long bytesPerGpu) => CollectiveCost.AllToAllSeconds(bytesPerGpu, Gpus, Bandwidth.Value, AlphaSeconds);
}
