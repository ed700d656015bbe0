using DesSim.Core.Cost;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>The variability and straggler faults that apply to one stage's GPUs: scales a priced stage cost.</summary>
/// <remarks>Jitter: compute × exp(σZ − σ²/2) with σ² = ln(1 + CV²) (a lognormal with mean 1 and the configured CV), Z from
/// the stage's own named stream. Straggler: compute and TP time × factor when the micro-batch starts inside the window.</remarks>
internal sealed class StagePerturbation
{
    private readonly RandomStream? _jitter;
    private readonly double _sigma;
    private readonly (long StartNs, long EndNs, double Factor)[] _stragglers;

    private StagePerturbation(RandomStream? jitter, double sigma, (long, long, double)[] stragglers)
    {
        _jitter = jitter;
        _sigma = sigma;
        _stragglers = stragglers;
    }

    /// <summary>The perturbation of the stage running on <paramref name="gpus"/>, or null when nothing applies.</summary>
    public static StagePerturbation? Create(ISimContext ctx, ServingConfig config, int replica, int stage, int[] gpus)
    {
        var stragglers = config.Faults.Stragglers
            .Where(s => gpus.Contains(s.Gpu))
            .Select(s => (ToNs(s.StartSeconds), ToNs(s.EndSeconds), s.Factor))
            .ToArray();
        double cv = config.Variability.KernelCv;
        if (cv <= 0 && stragglers.Length == 0)
        {
            return null;
        }

        var stream = cv > 0 ? ctx.Streams.Get($"jitter/r{replica}/s{stage}") : null;
        return new StagePerturbation(stream, Math.Sqrt(Math.Log(1 + (cv * cv))), stragglers);
    }

    /// <summary>The cost of a micro-batch starting at <paramref name="nowNanoseconds"/>.</summary>
    public StageCost Apply(StageCost cost, long nowNanoseconds)
    {
        double compute = cost.ComputeSeconds, tp = cost.TpCommSeconds;
        if (_jitter is not null)
        {
            compute *= Math.Exp((_sigma * StandardNormal(_jitter)) - (_sigma * _sigma / 2));
        }

        foreach (var (start, end, factor) in _stragglers)
        {
            if (nowNanoseconds >= start && nowNanoseconds < end)
            {
                compute *= factor;
                tp *= factor;
            }
        }

        // Why: a slowed kernel keeps its compute-/memory-bound split (the power model reads it).
        double scale = cost.ComputeSeconds > 0 ? compute / cost.ComputeSeconds : 1;
        return cost with { ComputeSeconds = compute, TpCommSeconds = tp, ComputeBoundSeconds = cost.ComputeBoundSeconds * scale };
    }

    // Box–Muller on two uniforms in (0, 1]; one normal per draw keeps the stream position a function of the draw count.
    private static double StandardNormal(RandomStream rng) =>
        Math.Sqrt(-2 * Math.Log(rng.NextDoubleNonZero())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static long ToNs(double seconds) => double.IsPositiveInfinity(seconds) ? long.MaxValue : Nanoseconds.FromSeconds(seconds);
}
