namespace DesSim.Core.Cost;

/// <summary>The time one pipeline stage takes for one micro-batch, split by what the GPU does.</summary>
/// <remarks>All in seconds. <see cref="ComputeSeconds"/> covers kernels (and launch overheads);
/// <see cref="TpCommSeconds"/> the stage's tensor-parallel collectives (two all-reduces per layer), not overlapped with compute;
/// <see cref="OtherCommSeconds"/> other collectives inside the stage (EP all-to-all, CP ring exchange not hidden by compute).</remarks>
public readonly record struct StageCost(double ComputeSeconds, double TpCommSeconds, double OtherCommSeconds = 0)
{
    /// <summary>Wall time of the stage in seconds.</summary>
    public double TotalSeconds => ComputeSeconds + TpCommSeconds + OtherCommSeconds;
}
