namespace DesSim.Core.Cost;

/// <summary>Named efficiency and overhead constants of the roofline model.</summary>
/// <remarks>Efficiencies are fractions of the datasheet peak (dimensionless); overheads are seconds.</remarks>
public static class CostConstants
{
    /// <summary>Achieved fraction of dense tensor-core peak on large GEMMs.</summary>
    /// <remarks>facts.md §3: "Achieved large-GEMM throughput on H100 BF16 is ~75% of peak (743 TFLOP/s in the shared GEMM tables)".</remarks>
    public const double ComputeEfficiency = 0.75;

    /// <summary>Achieved fraction of dense FP8 peak on large FP8 GEMMs.</summary>
    /// <remarks>Median over the fp8 rows of Cost/Data/gemm_h100_sxm.csv with m, n, k ≥ 4096: 0.62 (BF16 rows: 0.77).</remarks>
    public const double Fp8ComputeEfficiency = 0.62;

    /// <summary>Extra fixed cost of an FP8 GEMM: dynamic activation quantization and scaling, seconds.</summary>
    /// <remarks>Cost/Data/gemm_h100_sxm.csv: the smallest fp8 GEMM (m=1, n=k=256) takes 12.5 µs against 3.0 µs in bf16.</remarks>
    public const double Fp8GemmExtraOverheadSeconds = 9.5e-6;

    /// <summary>Achieved fraction of peak memory bandwidth.</summary>
    /// <remarks>aiconfigurator h100_sxm.yaml <c>mem_bw_empirical_scaling_factor: 0.8</c>.</remarks>
    public const double MemoryEfficiency = 0.8;

    /// <summary>Fixed cost added to every kernel (launch and tail), seconds.</summary>
    /// <remarks>aiconfigurator h100_sxm.yaml <c>mem_empirical_constant_latency: 3us</c>; the smallest GEMMs in the H100 table take ~3 µs.</remarks>
    public const double KernelLaunchOverheadSeconds = 3e-6;

    /// <summary>Bytes per activation element (activations stay 16-bit even with fp8 weights).</summary>
    public const int ActivationBytesPerElement = 2;

    /// <summary>FLOPs per element of a norm or element-wise op (RMSNorm: square, sum, rsqrt, scale ≈ 4).</summary>
    public const double ElementwiseFlopsPerElement = 4;
}
