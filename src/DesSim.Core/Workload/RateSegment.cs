namespace DesSim.Core.Workload;

/// <summary>One piece of a piecewise-constant arrival rate.</summary>
/// <remarks><see cref="DurationSeconds"/> &gt; 0; <see cref="RequestsPerSecond"/> ≥ 0 (0 is a quiet period).</remarks>
public sealed record RateSegment(double DurationSeconds, double RequestsPerSecond);
