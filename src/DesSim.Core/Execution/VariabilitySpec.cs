namespace DesSim.Core.Execution;

/// <summary>Run-to-run variability of kernel times: multiplicative lognormal noise with mean 1 and the given coefficient of variation.</summary>
/// <remarks>Drawn once per stage micro-batch from a named random stream per GPU stream (<c>jitter/r{replica}/s{stage}</c>),
/// applied to the compute time only. A CV of 0 draws nothing, so runs without variability are unchanged.</remarks>
/// <param name="KernelCv">Coefficient of variation (standard deviation / mean) of the kernel-time factor; ≥ 0.</param>
public sealed record VariabilitySpec(double KernelCv)
{
    /// <summary>No variability.</summary>
    public static VariabilitySpec None { get; } = new(0);
}
