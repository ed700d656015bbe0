namespace DesSim.Core.Workload;

/// <summary>How synthetic requests arrive.</summary>
public enum ArrivalProcess
{
    /// <summary>Exponential gaps at a constant rate.</summary>
    Poisson,

    /// <summary>Gamma gaps with a given mean rate and coefficient of variation (CV &gt; 1 is bursty).</summary>
    Gamma,

    /// <summary>Equal gaps of exactly 1/rate.</summary>
    Constant,

    /// <summary>Poisson with a piecewise-constant rate (segments of given durations).</summary>
    Piecewise,

    /// <summary>Poisson with a sinusoidal rate: <c>rate · (1 + amplitude · sin(2π (t + phase) / period))</c>.</summary>
    Diurnal,

    /// <summary>N users each send their next request when the previous completes (plus a think time).</summary>
    ClosedLoop,

    /// <summary>Every request arrives at t = 0.</summary>
    Burst,
}
