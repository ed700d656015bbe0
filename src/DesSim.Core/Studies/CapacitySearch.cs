namespace DesSim.Core.Studies;

/// <summary>Finds the highest load at which an SLO holds, by doubling then bisection on the rate.</summary>
/// <remarks>Assumes the verdict is monotone in the rate (holds below capacity, fails above). From the start rate it doubles
/// until the SLO fails (or halves until it holds), then bisects until the bracket is within <see cref="RelativeTolerance"/>
/// of its upper end or <see cref="MaxSimulations"/> evaluations are spent.</remarks>
public sealed record CapacitySearch(double RelativeTolerance = CapacitySearch.DefaultRelativeTolerance, int MaxSimulations = CapacitySearch.DefaultMaxSimulations)
{
    /// <summary>Default bracket width: 2% of the rate (finer than the run-to-run noise of a few-thousand-request run).</summary>
    public const double DefaultRelativeTolerance = 0.02;

    /// <summary>Default evaluation budget per layout: enough for ~10 doublings plus 8 bisection steps.</summary>
    public const int DefaultMaxSimulations = 20;

    /// <summary>Halvings tried before declaring zero capacity (start / 2^10).</summary>
    private const int MaxHalvings = 10;

    /// <summary>Searches with <paramref name="evaluate"/> (rate → point result) from <paramref name="startRate"/> &gt; 0.</summary>
    /// <param name="evaluate">Runs the scenario at a rate.</param>
    /// <param name="startRate">First probe.</param>
    /// <param name="gpus">GPUs of the layout (for the per-GPU figure).</param>
    /// <param name="requestsPerSecond">Converts a rate and its result to requests/s (identity for synthetic load).</param>
    public CapacityResult Find(Func<double, PointResult> evaluate, double startRate, int gpus, Func<double, PointResult, double> requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(startRate);
        var probes = new List<(double, bool)>();
        double lo = 0;
        double? hi = null;
        PointResult? loResult = null;
        bool Probe(double rate)
        {
            var r = evaluate(rate);
            probes.Add((rate, r.SloHolds));
            if (r.SloHolds && rate > lo)
            {
                lo = rate;
                loResult = r;
            }
            else if (!r.SloHolds && (hi is null || rate < hi))
            {
                hi = rate;
            }

            return r.SloHolds;
        }

        double rate = startRate;
        if (Probe(rate))
        {
            while (hi is null && probes.Count < MaxSimulations)
            {
                rate *= 2;
                Probe(rate);
            }
        }
        else
        {
            for (int i = 0; i < MaxHalvings && loResult is null && probes.Count < MaxSimulations; i++)
            {
                rate /= 2;
                Probe(rate);
            }
        }

        while (hi is { } h && loResult is not null && (h - lo) / h > RelativeTolerance && probes.Count < MaxSimulations)
        {
            Probe((lo + h) / 2);
        }

        double rps = loResult is null ? 0 : requestsPerSecond(lo, loResult);
        return new CapacityResult(lo, rps, rps / gpus, probes.Count, hi is not null, loResult, probes);
    }
}
