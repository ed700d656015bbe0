using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;
using MathNet.Numerics.LinearAlgebra;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>Fits an engine's overheads (per-iteration and per-sequence seconds) to measured end-to-end runs by least squares.</summary>
/// <remarks>
/// Each run is simulated once with no engine overhead. With one replica and PP = 1 the overheads add linearly: the batch's
/// prefill and every decode iteration gain <c>a + b·batch + c·steps</c> (steps = 4·layers·(tp − 1), the TP all-reduce ring
/// steps of an iteration), so measured-minus-simulated residuals are regressed on (1, batch, steps) over the fit rows.
/// Residuals are divided by the measured value (relative least squares, so a 6-second prefill does not outweigh a 50 ms
/// decode step). All parameters are kept ≥ 0 (every subset of parameters is solved and the best non-negative one kept).
/// The runs are then simulated again with the fitted engine, so reported errors are the simulator's own.
/// </remarks>
public static class EngineFitter
{
    private const int Parameters = 3;

    /// <summary>Fits <paramref name="name"/>'s overheads on the non-hold-out rows of <paramref name="runs"/>.</summary>
    /// <exception cref="InputException">No fit rows, or a run cannot be simulated.</exception>
    public static EngineFitResult Fit(IReadOnlyList<MeasuredRun> runs, string name)
    {
        var baseline = runs.Select(r => new RunComparison(r, StaticBatchSimulator.Predict(r, EngineOverheads.None))).ToArray();
        var rows = new List<(double[] X, double Y)>();
        foreach (var c in baseline.Where(c => !c.Run.HoldOut))
        {
            var layers = Model.ModelCatalog.TryGet(c.Run.Model)!.NumLayers;
            double steps = EngineOverheads.CollectiveStepsPerIteration(layers, c.Run.Tp);
            if (c.Run.TtftMs is { } t)
            {
                rows.Add(([1 / t, c.Run.Batch / t, steps / t], (t - c.Predicted.TtftMs) / t));
            }

            if (c.Run.TpotMs is { } d && double.IsFinite(c.Predicted.TpotMs))
            {
                rows.Add(([1 / d, c.Run.Batch / d, steps / d], (d - c.Predicted.TpotMs) / d));
            }
        }

        if (rows.Count < Parameters)
        {
            throw new InputException("runs", null, $"fewer than {Parameters} fit measurements", "mark more rows split=fit");
        }

        var p = SolveNonNegative(rows);
        var engine = new EngineOverheads(name, p[0] / 1e3, p[1] / 1e3, p[2] / 1e3);
        var fitted = runs.Select(r => new RunComparison(r, StaticBatchSimulator.Predict(r, engine))).ToArray();
        return new EngineFitResult(engine, fitted, baseline);
    }

    /// <summary>Non-negative least squares by enumerating active sets (few unknowns): minimizes Σ(x·p − y)², p ≥ 0.</summary>
    internal static double[] SolveNonNegative(IReadOnlyList<(double[] X, double Y)> rows)
    {
        int n = rows[0].X.Length;
        var y = Vector<double>.Build.DenseOfEnumerable(rows.Select(r => r.Y));
        double[] best = new double[n];
        double bestCost = y.L2Norm();
        for (int mask = 1; mask < 1 << n; mask++)
        {
            var cols = Enumerable.Range(0, n).Where(j => (mask & (1 << j)) != 0).ToArray();
            var x = Matrix<double>.Build.DenseOfRowArrays(rows.Select(r => cols.Select(j => r.X[j]).ToArray()));
            if (x.Rank() < cols.Length)
            {
                continue;
            }

            var sol = x.QR().Solve(y);
            if (sol.Any(v => v < 0))
            {
                continue;
            }

            double cost = (x * sol - y).L2Norm();
            if (cost < bestCost - 1e-15)
            {
                bestCost = cost;
                best = new double[n];
                for (int k = 0; k < cols.Length; k++)
                {
                    best[cols[k]] = sol[k];
                }
            }
        }

        return best;
    }
}
