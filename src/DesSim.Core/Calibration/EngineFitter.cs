using DesSim.Core.Scenarios;
using MathNet.Numerics.LinearAlgebra;

namespace DesSim.Core.Calibration;

/// <summary>Fits an engine's overheads (per-iteration and per-sequence seconds) to measured end-to-end runs by least squares.</summary>
/// <remarks>
/// Each run is simulated once with no engine overhead. With one replica and PP = 1, the overheads add linearly: the batch's
/// prefill gains <c>a + b·batch</c> and every decode iteration the same, so the measured-minus-simulated residuals are
/// regressed on (1, batch) over the fit rows. Residuals are divided by the measured value (relative least squares, so a
/// 6-second prefill does not outweigh a 50 ms decode step). Both parameters are kept ≥ 0 (a negative one is dropped and the
/// other refitted). The runs are then simulated again with the fitted engine, so reported errors are the simulator's own.
/// </remarks>
public static class EngineFitter
{
    /// <summary>Fits <paramref name="name"/>'s overheads on the non-hold-out rows of <paramref name="runs"/>.</summary>
    /// <exception cref="InputException">No fit rows, or a run cannot be simulated.</exception>
    public static EngineFitResult Fit(IReadOnlyList<MeasuredRun> runs, string name)
    {
        var baseline = runs.Select(r => new RunComparison(r, StaticBatchSimulator.Predict(r, EngineOverheads.None))).ToArray();
        var rows = new List<(double One, double Batch, double Residual)>();
        foreach (var c in baseline.Where(c => !c.Run.HoldOut))
        {
            if (c.Run.TtftMs is { } t)
            {
                rows.Add((1 / t, c.Run.Batch / t, (t - c.Predicted.TtftMs) / t));
            }

            if (c.Run.TpotMs is { } d && double.IsFinite(c.Predicted.TpotMs))
            {
                rows.Add((1 / d, c.Run.Batch / d, (d - c.Predicted.TpotMs) / d));
            }
        }

        if (rows.Count < 2)
        {
            throw new InputException("runs", null, "fewer than two fit measurements", "mark more rows split=fit");
        }

        var (aMs, bMs) = SolveNonNegative(rows);
        var engine = new EngineOverheads(name, aMs / 1e3, bMs / 1e3);
        var fitted = runs.Select(r => new RunComparison(r, StaticBatchSimulator.Predict(r, engine))).ToArray();
        return new EngineFitResult(engine, fitted, baseline);
    }

    /// <summary>Non-negative least squares in two unknowns (ms): minimizes Σ(one·a + batch·b − residual)².</summary>
    internal static (double A, double B) SolveNonNegative(IReadOnlyList<(double One, double Batch, double Residual)> rows)
    {
        var x = Matrix<double>.Build.DenseOfRowArrays(rows.Select(r => new[] { r.One, r.Batch }));
        var y = Vector<double>.Build.DenseOfEnumerable(rows.Select(r => r.Residual));
        var p = x.QR().Solve(y);
        if (p[0] >= 0 && p[1] >= 0)
        {
            return (p[0], p[1]);
        }

        double OneParameter(int col) => Math.Max(0, x.Column(col).DotProduct(y) / x.Column(col).DotProduct(x.Column(col)));
        double aOnly = OneParameter(0), bOnly = OneParameter(1);
        double Cost(double a, double b) => (x * Vector<double>.Build.DenseOfArray([a, b]) - y).L2Norm();
        return Cost(aOnly, 0) <= Cost(0, bOnly) ? (aOnly, 0) : (0, bOnly);
    }
}
