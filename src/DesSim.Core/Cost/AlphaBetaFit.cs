using MathNet.Numerics.LinearRegression;
using DesSim.Core.Units;

namespace DesSim.Core.Cost;

/// <summary>An alpha-beta fit of a collective: latency ≈ α + bytes / β, by least squares on relative error.</summary>
/// <param name="Op">Collective.</param>
/// <param name="Gpus">GPU count.</param>
/// <param name="AlphaSeconds">Fixed latency, seconds.</param>
/// <param name="Bandwidth">Effective (algorithm) bandwidth.</param>
/// <param name="Quality">R², median and max relative error of the fit over the samples.</param>
public sealed record AlphaBetaFit(string Op, int Gpus, double AlphaSeconds, BytesPerSecond Bandwidth, FitStats Quality)
{
    /// <summary>Predicted latency of <paramref name="bytes"/>, seconds.</summary>
    public double Seconds(long bytes) => AlphaSeconds + Bandwidth.SecondsFor(new Bytes(bytes));

    /// <summary>Fits one (op, GPU count) group; each sample is weighted by 1/latency so small and large messages count alike.</summary>
    public static AlphaBetaFit Fit(IReadOnlyList<CollectiveSample> samples)
    {
        if (samples.Count < 2)
        {
            throw new InputException(null, samples.Count == 0 ? null : samples[0].Op, "an alpha-beta fit needs at least two message sizes");
        }

        var x = samples.Select(s => new[] { 1 / s.Seconds, s.Bytes / s.Seconds }).ToArray();
        var y = samples.Select(_ => 1.0).ToArray();
        var p = Fit2(x, y);
        double alpha = Math.Max(0, p[0]), inv = p[1] > 0 ? p[1] : samples.Max(s => s.Seconds / s.Bytes);
        var fit = new AlphaBetaFit(samples[0].Op, samples[0].Gpus, alpha, new BytesPerSecond(1 / inv), new FitStats(0, double.NaN, double.NaN, double.NaN));
        var q = FitStats.Of(samples.Select(s => fit.Seconds(s.Bytes)).ToArray(), samples.Select(s => s.Seconds).ToArray());
        return fit with { Quality = q };
    }

    private static double[] Fit2(double[][] x, double[] y) => MultipleRegression.NormalEquations(x, y, intercept: false);
}
