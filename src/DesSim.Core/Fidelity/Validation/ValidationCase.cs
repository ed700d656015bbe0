namespace DesSim.Core.Fidelity.Validation;

/// <summary>One measured end-to-end value with DesSim's prediction for it.</summary>
/// <remarks>Latencies in ms, throughput in output tokens/s. <see cref="Role"/> is <c>fit</c> for rows the engine overheads
/// were fitted on, <c>held-out</c> for rows of the same source kept out of the fit, <c>unfitted</c> for sources never fitted.</remarks>
/// <param name="Id">Case id (source, layout, lengths).</param>
/// <param name="Metric">TTFT, TPOT or throughput.</param>
/// <param name="Unit">ms or tok/s.</param>
/// <param name="Measured">The published value, unchanged (median of repeats where the source repeats).</param>
/// <param name="Predicted">DesSim's value.</param>
/// <param name="Role">fit, held-out or unfitted.</param>
/// <param name="Citation">Where the measured value comes from.</param>
public sealed record ValidationCase(string Id, string Metric, string Unit, double Measured, double Predicted, string Role, string Citation)
{
    /// <summary>The source and engine the case belongs to (e.g. <c>vllm 0.12.0</c>, <c>splitwise</c>): the unit of the summary.</summary>
    public string Group { get; init; } = "";

    /// <summary>Cases with the same key and metric differ only in TP degree (TP-order pairs); null: not paired.</summary>
    public string? PairKey { get; init; }

    /// <summary>Tensor-parallel degree of the case (0 where not recorded).</summary>
    public int Tp { get; init; }

    /// <summary>(predicted − measured) / measured, in percent.</summary>
    public double ErrorPercent => 100 * (Predicted - Measured) / Measured;
}
