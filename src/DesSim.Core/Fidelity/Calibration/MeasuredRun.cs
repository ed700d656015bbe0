namespace DesSim.Core.Fidelity.Calibration;

/// <summary>One end-to-end measurement of a serving engine: a static batch of identical requests on one replica.</summary>
/// <remarks>
/// <see cref="TtftMs"/> is the time of the prefill iteration of the whole batch (all requests arrive together) and
/// <see cref="TpotMs"/> the mean time per decode iteration, both in milliseconds; either may be absent (null).
/// <see cref="HoldOut"/> rows are never used for fitting, only for reporting the hold-out error.
/// </remarks>
/// <param name="Id">Label of the row (for reports).</param>
/// <param name="Model">Catalog model name.</param>
/// <param name="Gpu">Catalog GPU name.</param>
/// <param name="Precision">Weight precision (bf16, fp16, fp8).</param>
/// <param name="Tp">Tensor-parallel degree.</param>
/// <param name="Pp">Pipeline-parallel degree.</param>
/// <param name="Batch">Requests in the batch.</param>
/// <param name="InputTokens">Prompt tokens per request.</param>
/// <param name="OutputTokens">Output tokens per request.</param>
/// <param name="TtftMs">Measured prefill time of the batch, ms.</param>
/// <param name="TpotMs">Measured time per decode iteration, ms.</param>
/// <param name="HoldOut">True when the row is kept out of the fit.</param>
/// <param name="SourceFile">The CSV file the row came from (null when built in code), for errors.</param>
/// <param name="SourceLine">The row's line in <paramref name="SourceFile"/>.</param>
public sealed record MeasuredRun(
    string Id,
    string Model,
    string Gpu,
    string Precision,
    int Tp,
    int Pp,
    int Batch,
    int InputTokens,
    int OutputTokens,
    double? TtftMs,
    double? TpotMs,
    bool HoldOut,
    string? SourceFile = null,
    long SourceLine = 0)
{
    /// <summary>Equal measurements: every field but where the row was read from (<see cref="SourceFile"/>,
    /// <see cref="SourceLine"/>), so a run written and read back equals the original.</summary>
    public bool Equals(MeasuredRun? other) => other is not null
        && (Id, Model, Gpu, Precision, Tp, Pp, Batch, InputTokens, OutputTokens, TtftMs, TpotMs, HoldOut)
        == (other.Id, other.Model, other.Gpu, other.Precision, other.Tp, other.Pp, other.Batch, other.InputTokens, other.OutputTokens, other.TtftMs, other.TpotMs, other.HoldOut);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(HashCode.Combine(Id, Model, Gpu, Precision, Tp, Pp), HashCode.Combine(Batch, InputTokens, OutputTokens, TtftMs, TpotMs, HoldOut));
}
