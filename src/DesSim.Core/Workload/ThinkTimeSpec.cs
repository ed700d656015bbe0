namespace DesSim.Core.Workload;

/// <summary>A user's pause between an answer and the next message: fixed, or exponential with a mean (seconds).</summary>
/// <param name="MeanSeconds">The fixed value, or the exponential's mean; ≥ 0.</param>
/// <param name="Exponential">Whether pauses are exponential (memoryless) rather than fixed.</param>
public sealed record ThinkTimeSpec(double MeanSeconds, bool Exponential);
