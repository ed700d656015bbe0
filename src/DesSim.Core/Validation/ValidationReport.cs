using DesSim.Core.Scenarios;

namespace DesSim.Core.Validation;

/// <summary>The result of a validation suite: every case, the engine fitted on the fit rows, and summary statistics.</summary>
/// <param name="Cases">Every case in suite order.</param>
/// <param name="FittedEngine">Engine overheads fitted on the Splitwise fit rows (used for all Splitwise cases).</param>
/// <param name="ThroughputEngine">Engine preset used for the throughput cases.</param>
public sealed record ValidationReport(IReadOnlyList<ValidationCase> Cases, EngineOverheads FittedEngine, EngineOverheads ThroughputEngine)
{
    /// <summary>The power model's fit on the Splitwise power columns (its cases are in <see cref="Cases"/>); null when the suite has no Splitwise rows.</summary>
    public PowerValidation.Result? Power { get; init; }

    /// <summary>(metric, role, count, median |error| %, max |error| %) for each metric and role present, ordered.</summary>
    public IReadOnlyList<(string Metric, string Role, int Count, double MedianAbsPercent, double MaxAbsPercent)> Summary() =>
        Cases.GroupBy(c => (c.Metric, c.Role))
            .OrderBy(g => g.Key.Metric, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Role, StringComparer.Ordinal)
            .Select(g =>
            {
                var abs = g.Select(c => Math.Abs(c.ErrorPercent)).ToArray();
                return (g.Key.Metric, g.Key.Role, abs.Length, MathNet.Numerics.Statistics.Statistics.Median(abs), abs.Max());
            })
            .ToArray();
}
