using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;
using DesSim.Core.Statistics;

namespace DesSim.Core.Fidelity.Validation;

/// <summary>The result of a validation suite: every case, the engine fitted on the fit rows, and summary statistics.</summary>
/// <param name="Cases">Every case in suite order.</param>
/// <param name="FittedEngine">Engine overheads fitted on the Splitwise fit rows (used for all Splitwise cases).</param>
/// <param name="ThroughputEngine">Engine preset used for the throughput cases.</param>
public sealed record ValidationReport(IReadOnlyList<ValidationCase> Cases, EngineOverheads FittedEngine, EngineOverheads ThroughputEngine)
{
    /// <summary>The power model's fit on the Splitwise power columns (its cases are in <see cref="Cases"/>); null when the suite has no Splitwise rows.</summary>
    public PowerValidation.Result? Power { get; init; }

    /// <summary>The silicon suite's fit rows split into decode step, prefill cost and prefills inside TTFT, measured and
    /// predicted (<see cref="ClosedLoopDecomposition"/>); empty when the suite has no silicon rows.</summary>
    public IReadOnlyList<ClosedLoopDecomposition.Decomposed> Decomposition { get; init; } = [];

    /// <summary>Statistics per (group, metric, role), ordered by group, metric, role.</summary>
    public IReadOnlyList<ValidationSummaryRow> Summary() =>
        Cases.GroupBy(c => (c.Group, c.Metric, c.Role))
            .OrderBy(g => g.Key.Group, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Metric, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Role, StringComparer.Ordinal)
            .Select(g =>
            {
                var abs = g.Select(c => Math.Abs(c.ErrorPercent)).ToArray();
                var signed = g.Select(c => c.ErrorPercent).ToArray();
                var (pairs, right) = TpOrder(g.ToArray());
                return new ValidationSummaryRow(g.Key.Group, g.Key.Metric, g.Key.Role, abs.Length, Quantile.LinearOfUnsorted(abs, 0.5),
                    Quantile.LinearOfUnsorted(abs, 0.9), abs.Max(), Quantile.LinearOfUnsorted(signed, 0.5), pairs, right);
            })
            .ToArray();

    // Why: a user choosing a TP degree needs the order right even where the level is off; every pair of cases with the same
    // configuration and different TP counts once. A measured tie counts as right only for a predicted tie.
    private static (int Pairs, int Right) TpOrder(ValidationCase[] cases)
    {
        int pairs = 0, right = 0;
        foreach (var g in cases.Where(c => c.PairKey is not null).GroupBy(c => c.PairKey, StringComparer.Ordinal))
        {
            var a = g.OrderBy(c => c.Tp).ToArray();
            for (int i = 0; i < a.Length; i++)
            {
                for (int j = i + 1; j < a.Length; j++)
                {
                    if (a[i].Tp == a[j].Tp)
                    {
                        continue;
                    }

                    pairs++;
                    right += Math.Sign(a[j].Measured - a[i].Measured) == Math.Sign(a[j].Predicted - a[i].Predicted) ? 1 : 0;
                }
            }
        }

        return (pairs, right);
    }
}
