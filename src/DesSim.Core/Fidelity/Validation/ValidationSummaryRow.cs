namespace DesSim.Core.Fidelity.Validation;

/// <summary>Error statistics of one (group, metric, role) set of validation cases. Percentages of the measured value.</summary>
/// <param name="Group">Source and engine (see <see cref="ValidationCase.Group"/>).</param>
/// <param name="Metric">TTFT, TPOT or throughput.</param>
/// <param name="Role">fit, held-out or unfitted.</param>
/// <param name="Count">Cases.</param>
/// <param name="MedianAbsPercent">Median |error|, %.</param>
/// <param name="P90AbsPercent">90th percentile of |error|, % (MathNet's R-8 quantile).</param>
/// <param name="MaxAbsPercent">Largest |error|, %.</param>
/// <param name="BiasPercent">Median signed error, %: positive = DesSim predicts too high.</param>
/// <param name="TpPairs">TP-order pairs among these cases (same configuration, different TP degree).</param>
/// <param name="TpPairsRight">Pairs whose predicted order (which TP degree is higher) matches the measured order.</param>
public sealed record ValidationSummaryRow(string Group, string Metric, string Role, int Count, double MedianAbsPercent, double P90AbsPercent,
    double MaxAbsPercent, double BiasPercent, int TpPairs, int TpPairsRight);
