namespace DesSim.Core.Workload;

/// <summary>A synthetic arrival process and its parameters.</summary>
/// <remarks>
/// Rates are requests per second. <see cref="Cv"/> is the coefficient of variation of inter-arrival gaps (gamma only).
/// <see cref="Concurrency"/> and <see cref="ThinkTimeSeconds"/> apply to the closed loop only.
/// </remarks>
public sealed record ArrivalSpec(ArrivalProcess Process)
{
    /// <summary>Mean arrival rate (requests/s); the mean of the diurnal curve.</summary>
    public double RequestsPerSecond { get; init; }

    /// <summary>Coefficient of variation of the gaps (gamma); 1 is Poisson.</summary>
    public double Cv { get; init; } = 1.0;

    /// <summary>Closed loop: number of concurrent users.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Closed loop: fixed pause between a completion and the user's next request (s).</summary>
    public double ThinkTimeSeconds { get; init; }

    /// <summary>Closed loop: the users start one by one, evenly spaced over this time (s); 0 = all at once. User i (0-based)
    /// sends its first request at i · ramp / (concurrency − 1), as aiperf's <c>--concurrency-ramp-duration</c> opens one more
    /// slot at even intervals from 1 to the target (ai-dynamo/aiperf docs/tutorials/ramping.md).</summary>
    public double RampSeconds { get; init; }

    /// <summary>Piecewise: the rate segments, in order.</summary>
    public IReadOnlyList<RateSegment> Segments { get; init; } = [];

    /// <summary>Piecewise: cycle the segments forever instead of ending after the last.</summary>
    public bool Repeat { get; init; }

    /// <summary>Diurnal: relative swing of the rate, in [0, 1].</summary>
    public double Amplitude { get; init; } = 0.5;

    /// <summary>Diurnal: period of the rate curve (s). Default one day.</summary>
    public double PeriodSeconds { get; init; } = 86_400;

    /// <summary>Diurnal: shift of the curve (s); the rate peaks at <c>t = period/4 − phase</c>.</summary>
    public double PhaseSeconds { get; init; }
}
