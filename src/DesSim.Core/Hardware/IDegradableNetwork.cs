namespace DesSim.Core.Hardware;

/// <summary>A transfer network whose link bandwidths can be degraded over time (fault injection).</summary>
/// <remarks>Set before the first transfer; null means full bandwidth everywhere.</remarks>
public interface IDegradableNetwork
{
    /// <summary>The degradation windows, or null.</summary>
    LinkDegradation? Degradation { get; set; }
}
