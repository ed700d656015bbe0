namespace DesSim.Core.Execution;

/// <summary>Draws multinomial counts by conditional binomials, in time independent of the number of trials.</summary>
/// <remarks>
/// Binomial(n, q): exact (CDF inversion) when n ≤ <see cref="ExactTrials"/> or the variance n·q·(1−q) &lt;
/// <see cref="NormalMinVariance"/>; otherwise the normal approximation rounded and clamped to 0..n (error in the tails
/// only; the load-imbalance statistics here are about the bulk). q &gt; ½ uses n − Binomial(n, 1−q). Deterministic for a seeded <see cref="Random"/>.
/// </remarks>
public static class MultinomialSampler
{
    /// <summary>Trials at or below which the binomial is sampled exactly.</summary>
    /// <remarks>Chosen so exact inversion costs at most ~64 steps (performance, not accuracy).</remarks>
    public const int ExactTrials = 64;

    /// <summary>Variance below which the binomial is sampled exactly.</summary>
    /// <remarks>Rule of thumb: the normal approximation is adequate when n·q·(1−q) ≥ 9.</remarks>
    public const double NormalMinVariance = 9;

    /// <summary>Splits <paramref name="trials"/> over categories with probabilities <paramref name="probabilities"/> (summing to 1) into <paramref name="counts"/>.</summary>
    public static void Sample(Random rng, ReadOnlySpan<double> probabilities, long trials, Span<long> counts)
    {
        long remaining = trials;
        double mass = 1;
        for (int i = 0; i < probabilities.Length - 1; i++)
        {
            double q = mass > 0 ? Math.Clamp(probabilities[i] / mass, 0, 1) : 0;
            long c = Binomial(rng, remaining, q);
            counts[i] = c;
            remaining -= c;
            mass -= probabilities[i];
        }

        counts[probabilities.Length - 1] = remaining;
    }

    /// <summary>One Binomial(<paramref name="n"/>, <paramref name="q"/>) draw.</summary>
    public static long Binomial(Random rng, long n, double q)
    {
        if (n <= 0 || q <= 0)
        {
            return 0;
        }

        if (q >= 1)
        {
            return n;
        }

        if (q > 0.5)
        {
            return n - Binomial(rng, n, 1 - q);
        }

        double variance = n * q * (1 - q);
        if (n <= ExactTrials || variance < NormalMinVariance)
        {
            // Inversion: walk the pmf from 0 (mean n·q < 18 here, so few steps).
            double u = rng.NextDouble();
            double p = Math.Pow(1 - q, n), cdf = p, ratio = q / (1 - q);
            long k = 0;
            while (u > cdf && k < n)
            {
                p *= (n - k) / (double)(k + 1) * ratio;
                k++;
                cdf += p;
            }

            return k;
        }

        // Box–Muller standard normal.
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Clamp((long)Math.Round((n * q) + (Math.Sqrt(variance) * z)), 0, n);
    }
}
