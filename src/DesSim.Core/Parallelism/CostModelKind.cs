namespace DesSim.Core.Parallelism;

/// <summary>Which kernel cost model prices stages.</summary>
public enum CostModelKind
{
    /// <summary>Interpolated measured tables (GEMM, NCCL), roofline outside them.</summary>
    Measured,

    /// <summary>Roofline from datasheet peaks with named efficiencies.</summary>
    Roofline,
}
