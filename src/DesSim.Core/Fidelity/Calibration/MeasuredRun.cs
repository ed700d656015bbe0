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
    bool HoldOut);
