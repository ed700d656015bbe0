namespace DesSim.Core.Cost;

/// <summary>Prices one kernel on one GPU.</summary>
/// <remarks>Seconds for all <see cref="Kernel.Count"/> launches, including per-launch overhead. Pure.</remarks>
public interface IKernelTimer
{
    /// <summary>Seconds <paramref name="kernel"/> takes.</summary>
    double Seconds(in Kernel kernel);
}
