namespace DesSim.Core.Execution;

/// <summary>A GPU that runs slower by <paramref name="Factor"/> during [<paramref name="StartSeconds"/>, <paramref name="EndSeconds"/>).</summary>
/// <remarks>A stage micro-batch that starts inside the window and runs on a stage holding <paramref name="Gpu"/> has its
/// compute and tensor-parallel time multiplied by the factor (a TP collective waits for its slowest rank). Factor ≥ 1.</remarks>
/// <param name="Gpu">Global GPU id.</param>
/// <param name="Factor">Slow-down (2 = twice as slow).</param>
/// <param name="StartSeconds">Window start (simulated seconds).</param>
/// <param name="EndSeconds">Window end (simulated seconds; +∞ for the rest of the run).</param>
public sealed record StragglerSpec(int Gpu, double Factor, double StartSeconds, double EndSeconds);
