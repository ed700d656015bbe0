namespace DesSim.Core.Fidelity.Calibration;

/// <summary>What DesSim predicts for a <see cref="MeasuredRun"/>: the batch's prefill time and mean decode iteration time (ms).</summary>
/// <param name="TtftMs">Largest time to first token in the batch (all requests arrive at 0), ms.</param>
/// <param name="TpotMs">Mean time per output token after the first, ms.</param>
/// <param name="Notes">The run's notes (cost-model fallbacks, a batch that did not fit in the KV cache).</param>
public sealed record RunPrediction(double TtftMs, double TpotMs, IReadOnlyList<string> Notes);
