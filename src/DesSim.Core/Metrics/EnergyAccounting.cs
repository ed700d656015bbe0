using DesSim.Engine;

namespace DesSim.Core.Metrics;

/// <summary>Turns an <see cref="EnergyMeter"/> into the energy outputs: per-GPU power, the summary, and the cluster power column.</summary>
/// <remarks>Formulas in docs/metrics.md ("Energy and power"). The time series' energy, Σ P_k·(t_k − t_{k−1}), equals
/// <see cref="EnergySummary.TotalJoules"/> when the samples reach past the last completion (they do: the sampler runs
/// until the run is over).</remarks>
public static class EnergyAccounting
{
    /// <summary><paramref name="gpu"/> with its energy, average and peak power.</summary>
    public static GpuRecord WithPower(GpuRecord gpu, EnergyMeter meter, double durationSeconds)
    {
        double joules = (meter.Power.IdleWatts * durationSeconds) + meter.StageExcessJoules(gpu.Replica, gpu.Stage);
        return gpu with
        {
            EnergyJoules = joules,
            AveragePowerWatts = durationSeconds > 0 ? joules / durationSeconds : meter.Power.IdleWatts,
            PeakPowerWatts = meter.StagePeakWatts(gpu.Replica, gpu.Stage),
        };
    }

    /// <summary>The <c>energy</c> summary over [<paramref name="startNs"/>, <paramref name="endNs"/>].</summary>
    public static EnergySummary Summarize(EnergyMeter meter, IReadOnlyList<GpuRecord> gpus, long startNs, long endNs, long outputTokens, long requests)
    {
        double seconds = (endNs - startNs) / 1e9;
        var p = meter.Power;
        int unused = meter.GpuCount - gpus.Count;
        double servingJoules = gpus.Sum(g => g.EnergyJoules);
        double unusedJoules = unused * p.IdleWatts * seconds;
        double total = servingJoules + unusedJoules;
        double peak = PeakClusterWatts(meter, startNs, endNs);
        double Avg(double j) => seconds > 0 ? j / seconds : 0;
        var pools = new List<PoolPower> { new("serving", gpus.Count, servingJoules, Avg(servingJoules), peak - (unused * p.IdleWatts)) };
        if (unused > 0)
        {
            pools.Add(new PoolPower("unused", unused, unusedJoules, unused * p.IdleWatts, unused * p.IdleWatts));
        }

        return new EnergySummary(
            total,
            outputTokens > 0 ? total / outputTokens : double.NaN,
            requests > 0 ? total / requests : double.NaN,
            seconds > 0 ? total / seconds : meter.GpuCount * p.IdleWatts,
            peak,
            (gpus.Sum(g => g.AveragePowerWatts) + (unused * p.IdleWatts)) / meter.GpuCount,
            gpus.Count == 0 ? p.IdleWatts : gpus.Max(g => g.PeakPowerWatts),
            pools,
            p.IdleWatts,
            p.TdpWatts,
            p.CapWatts,
            p.ComputeSlowdown,
            p.MemorySlowdown);
    }

    /// <summary><paramref name="rows"/> with <see cref="TimeSeriesRow.ClusterPowerWatts"/>: the mean cluster power over
    /// (previous sample, this sample] within the run (the first row, with no interval, gets the idle cluster power).</summary>
    public static IReadOnlyList<TimeSeriesRow> WithPower(EnergyMeter meter, IReadOnlyList<TimeSeriesRow> rows, long startNs, long endNs)
    {
        var result = new TimeSeriesRow[rows.Count];
        long previous = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            // Why the same as banker's rounding here: TimeSeconds is a whole nanosecond count / 10⁹, so ×10⁹ lands within a
            // rounding error of that whole number, never on a tie.
            long t = SimTime.FromSeconds(rows[i].TimeSeconds).Nanoseconds;
            double watts = t > previous ? meter.ClusterJoules(previous, t, startNs, endNs) / ((t - previous) / 1e9) : meter.GpuCount * meter.Power.IdleWatts;
            result[i] = rows[i] with { ClusterPowerWatts = watts };
            previous = t;
        }

        return result;
    }

    private static double PeakClusterWatts(EnergyMeter meter, long startNs, long endNs)
    {
        double idle = meter.GpuCount * meter.Power.IdleWatts;
        double peak = idle;
        long w = meter.BinNanoseconds;
        for (long b = startNs / w; b * w < endNs; b++)
        {
            long lo = Math.Max(b * w, startNs), hi = Math.Min((b + 1) * w, endNs);
            if (hi > lo)
            {
                peak = Math.Max(peak, meter.ClusterJoules(b * w, (b + 1) * w, startNs, endNs) / ((hi - lo) / 1e9));
            }
        }

        return peak;
    }
}
