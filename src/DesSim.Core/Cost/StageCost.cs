namespace DesSim.Core.Cost;

/// <summary>The time one pipeline stage takes for one micro-batch, split by what the GPU does.</summary>
/// <remarks>All in seconds. <see cref="ComputeSeconds"/> covers kernels (and launch overheads);
/// <see cref="TpCommSeconds"/> the stage's tensor-parallel collectives (two all-reduces per layer), not overlapped with compute;
/// <see cref="OtherCommSeconds"/> other collectives inside the stage (EP all-to-all, CP ring exchange not hidden by compute).
/// <see cref="ComputeBoundSeconds"/> is the part of <see cref="ComputeSeconds"/> spent in compute-bound kernels (the power
/// model's and the power cap's input); the rest of the compute time is memory-bound kernels, launch and engine overheads.</remarks>
public readonly record struct StageCost(double ComputeSeconds, double TpCommSeconds, double OtherCommSeconds = 0)
{
    /// <summary>Seconds of <see cref="ComputeSeconds"/> in compute-bound kernels (FLOP time above byte time on the roofline).</summary>
    public double ComputeBoundSeconds { get; init; }

    /// <summary>Seconds of <see cref="ComputeSeconds"/> not in compute-bound kernels.</summary>
    public double OtherComputeSeconds => ComputeSeconds - ComputeBoundSeconds;

    /// <summary>Wall time of the stage in seconds.</summary>
    public double TotalSeconds => ComputeSeconds + TpCommSeconds + OtherCommSeconds;
}
