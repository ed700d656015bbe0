namespace DesSim.Benchmarks;

/// <summary>Options of one <c>dessim-bench</c> invocation.</summary>
/// <param name="Quick">Smaller sizes for a fast smoke run.</param>
/// <param name="TracePath">A trace file for benchmarks that replay one (<c>azure-conv-hour</c>), or null.</param>
public sealed record BenchOptions(bool Quick, string? TracePath = null);
