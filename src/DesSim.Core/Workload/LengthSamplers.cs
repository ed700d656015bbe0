using DesSim.Engine;
using MathNet.Numerics.Distributions;

namespace DesSim.Core.Workload;

/// <summary>Builds token-length samplers from a <see cref="LengthSpec"/>; each draws only from the stream it is given.</summary>
internal static class LengthSamplers
{
    public static ILengthSampler Create(LengthSpec spec, RandomStream rng, bool isInput)
    {
        int lo = spec.MinTokens, hi = spec.MaxTokens;
        int Clamp(double v) => (int)Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), lo, hi);
        switch (spec.Distribution)
        {
            case LengthDistribution.Fixed:
                return new Func(() => spec.ValueTokens);
            case LengthDistribution.Uniform:
                return new Func(() => DiscreteUniform.Sample(rng, lo, hi));
            case LengthDistribution.Normal:
                return new Func(() => Clamp(Normal.Sample(rng, spec.MeanTokens, spec.StdTokens)));
            case LengthDistribution.LogNormal:
                {
                    // Why: choose μ so that the arithmetic mean is MeanTokens: E[X] = exp(μ + σ²/2).
                    double mu = Math.Log(spec.MeanTokens) - (spec.Sigma * spec.Sigma / 2);
                    return new Func(() => Clamp(LogNormal.Sample(rng, mu, spec.Sigma)));
                }

            case LengthDistribution.Zipf:
                return new ZipfSampler(spec.Exponent, hi, lo, rng);
            case LengthDistribution.Empirical:
                {
                    var values = EmpiricalLengths.Load(spec, isInput);
                    return new Func(() => Math.Clamp(values[rng.Next(values.Length)], lo, hi));
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Distribution, "unknown distribution");
        }
    }

    private sealed class Func(Func<int> draw) : ILengthSampler
    {
        public int Sample() => draw();
    }

    /// <summary>Zipf over ranks 1..n by binary search of a precomputed CDF.</summary>
    /// <remarks>Why not MathNet's Zipf: its sampler walks all n ranks per draw (O(n)); the table makes a draw O(log n).</remarks>
    private sealed class ZipfSampler : ILengthSampler
    {
        private const int MaxRanks = 1 << 22; // 4 M ranks (32 MB table) at most; larger max_tokens are capped here
        private readonly double[] _cdf;
        private readonly int _min;
        private readonly RandomStream _rng;

        public ZipfSampler(double exponent, int n, int min, RandomStream rng)
        {
            n = Math.Min(n, MaxRanks);
            _cdf = new double[n];
            double sum = 0;
            for (int k = 1; k <= n; k++)
            {
                sum += Math.Pow(k, -exponent);
                _cdf[k - 1] = sum;
            }

            for (int i = 0; i < n; i++)
            {
                _cdf[i] /= sum;
            }

            _min = min;
            _rng = rng;
        }

        public int Sample()
        {
            double u = _rng.NextDouble();
            int i = Array.BinarySearch(_cdf, u);
            int rank = (i >= 0 ? i : ~i) + 1;
            return Math.Max(Math.Min(rank, _cdf.Length), _min);
        }
    }
}
