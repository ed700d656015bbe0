using DesSim.Core.Cost;

namespace DesSim.Core.Metrics;

/// <summary>Integrates GPU power over a run: energy and peak span power per pipeline stage, and energy above idle per time bin.</summary>
/// <remarks>
/// Every GPU draws <see cref="PowerModel.IdleWatts"/> all the time; a stage span adds, on each of the stage's GPUs,
/// <c>E_span − P_idle·t_span</c> (joules above idle, <see cref="PowerModel.StageJoules"/>), spread evenly over the span's
/// time bins (bin <c>b</c> = (b·step, (b+1)·step] ns, the intervals of <c>timeseries.csv</c>). An activation send adds
/// <c>(P_comm − P_idle)·t</c> on the sending stage's GPUs. A span cut short by a replica failure is never reported, so its
/// GPUs count as idle. Units: joules, watts, nanoseconds.
/// </remarks>
public sealed class EnergyMeter
{
    private readonly int[][] _stageGpuCounts;
    private readonly double[][] _excessJoules;
    private readonly double[][] _peakWatts;
    private readonly List<double> _binExcessJoules = [];

    /// <summary>Creates a meter for stages with <paramref name="stageGpuCounts"/>[replica][stage] GPUs each.</summary>
    /// <param name="power">The GPUs' power model.</param>
    /// <param name="stageGpuCounts">GPUs per replica and stage.</param>
    /// <param name="gpuCount">GPUs in the cluster (idle ones included).</param>
    /// <param name="binNanoseconds">Time bin width (the time series step), &gt; 0.</param>
    public EnergyMeter(PowerModel power, int[][] stageGpuCounts, int gpuCount, long binNanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binNanoseconds, 1);
        Power = power;
        _stageGpuCounts = stageGpuCounts;
        GpuCount = gpuCount;
        BinNanoseconds = binNanoseconds;
        _excessJoules = stageGpuCounts.Select(r => new double[r.Length]).ToArray();
        _peakWatts = stageGpuCounts.Select(r => Enumerable.Repeat(power.IdleWatts, r.Length).ToArray()).ToArray();
    }

    /// <summary>The power model.</summary>
    public PowerModel Power { get; }

    /// <summary>GPUs in the cluster.</summary>
    public int GpuCount { get; }

    /// <summary>Bin width, ns.</summary>
    public long BinNanoseconds { get; }

    /// <summary>Energy above idle of one GPU of stage (<paramref name="replica"/>, <paramref name="stage"/>), J.</summary>
    public double StageExcessJoules(int replica, int stage) => _excessJoules[replica][stage];

    /// <summary>Highest span-average power of one GPU of the stage (idle power if it never ran), W.</summary>
    public double StagePeakWatts(int replica, int stage) => _peakWatts[replica][stage];

    /// <summary>Cluster energy above idle in bin <paramref name="bin"/>, J (0 past the last span).</summary>
    public double BinExcessJoules(int bin) => bin < _binExcessJoules.Count ? _binExcessJoules[bin] : 0;

    /// <summary>Bins touched by a span so far.</summary>
    public int BinCount => _binExcessJoules.Count;

    /// <summary>A stage ran <paramref name="cost"/> from <paramref name="startNs"/> to <paramref name="endNs"/>.</summary>
    public void OnStageSpan(int replica, int stage, long startNs, long endNs, in StageCost cost)
    {
        double seconds = cost.TotalSeconds;
        double excess = Power.StageJoules(cost) - (Power.IdleWatts * seconds);
        if (seconds > 0)
        {
            _peakWatts[replica][stage] = Math.Max(_peakWatts[replica][stage], Power.StageJoules(cost) / seconds);
        }

        Add(replica, stage, startNs, endNs, excess);
    }

    /// <summary>A stage sent activations from <paramref name="startNs"/> to <paramref name="endNs"/>.</summary>
    public void OnTransferSpan(int replica, int stage, long startNs, long endNs)
    {
        double excess = (Power.CommunicationWatts - Power.IdleWatts) * (endNs - startNs) / 1e9;
        if (endNs > startNs)
        {
            _peakWatts[replica][stage] = Math.Max(_peakWatts[replica][stage], Power.CommunicationWatts);
        }

        Add(replica, stage, startNs, endNs, excess);
    }

    /// <summary>Cluster energy in (<paramref name="fromNs"/>, <paramref name="toNs"/>] ∩ [<paramref name="runStartNs"/>,
    /// <paramref name="runEndNs"/>], J: idle power of every GPU over the overlap plus the binned excess (bins cut
    /// proportionally; <paramref name="fromNs"/> and <paramref name="toNs"/> are bin edges in every caller).</summary>
    public double ClusterJoules(long fromNs, long toNs, long runStartNs, long runEndNs)
    {
        long lo = Math.Max(fromNs, runStartNs), hi = Math.Min(toNs, runEndNs);
        double joules = hi > lo ? Power.IdleWatts * GpuCount * (hi - lo) / 1e9 : 0;
        long firstBin = Math.Max(0, fromNs / BinNanoseconds);
        for (long b = firstBin; b * BinNanoseconds < toNs && b < _binExcessJoules.Count; b++)
        {
            joules += _binExcessJoules[(int)b];
        }

        return joules;
    }

    private void Add(int replica, int stage, long startNs, long endNs, double excessPerGpu)
    {
        int gpus = _stageGpuCounts[replica][stage];
        _excessJoules[replica][stage] += excessPerGpu;
        double total = excessPerGpu * gpus;
        if (endNs <= startNs)
        {
            Bin(Math.Max(0, (endNs - 1) / BinNanoseconds)) += total;
            return;
        }

        // Bin b covers (b·w, (b+1)·w]: the first bin holding (startNs, ...] is (startNs) / w, the last (endNs − 1) / w.
        long first = startNs / BinNanoseconds, last = (endNs - 1) / BinNanoseconds;
        double perNs = total / (endNs - startNs);
        for (long b = first; b <= last; b++)
        {
            long lo = Math.Max(startNs, b * BinNanoseconds), hi = Math.Min(endNs, (b + 1) * BinNanoseconds);
            Bin(b) += perNs * (hi - lo);
        }
    }

    private ref double Bin(long bin)
    {
        while (_binExcessJoules.Count <= bin)
        {
            _binExcessJoules.Add(0);
        }

        return ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_binExcessJoules)[(int)bin];
    }
}
