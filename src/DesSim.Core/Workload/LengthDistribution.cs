namespace DesSim.Core.Workload;

/// <summary>How synthetic prompt or output lengths are drawn.</summary>
public enum LengthDistribution
{
    /// <summary>Always the same value.</summary>
    Fixed,

    /// <summary>Uniform whole numbers in [min, max].</summary>
    Uniform,

    /// <summary>Normal with mean and standard deviation, rounded and clamped to [min, max].</summary>
    Normal,

    /// <summary>Log-normal with the given arithmetic mean and log-space sigma (or CV), rounded and clamped.</summary>
    LogNormal,

    /// <summary>Zipf over ranks 1..max with an exponent, clamped below at min.</summary>
    Zipf,

    /// <summary>Resampled from observed lengths: a lengths CSV column or a trace's own lengths.</summary>
    Empirical,
}
