namespace DesSim.Reporting.Results;

/// <summary>One GPU's time shares as the report shows them (the <c>*_share</c> columns of <c>gpus.csv</c>).</summary>
/// <remarks>Shares are 0..1 of the run's duration, in <see cref="Charts.RunCharts.TimeBreakdownSegments"/> order:
/// compute, TP comm, PP comm, other comm, bubble, idle.</remarks>
/// <param name="Gpu">GPU id.</param>
/// <param name="Replica">Replica index.</param>
/// <param name="Stage">Stage index.</param>
/// <param name="Shares">The six shares.</param>
public sealed record GpuShares(int Gpu, int Replica, int Stage, IReadOnlyList<double> Shares);
