namespace DesSim.Core.Fidelity.Calibration;

/// <summary>A measured run next to DesSim's prediction for it.</summary>
/// <param name="Run">The measurement.</param>
/// <param name="Predicted">The prediction (with the engine being fitted or reported).</param>
public sealed record RunComparison(MeasuredRun Run, RunPrediction Predicted);
