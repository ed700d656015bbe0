namespace DesSim.Core.Execution;

/// <summary>A duration or instant beyond what simulated time holds (signed 64-bit nanoseconds, about 292 years);
/// <see cref="Scenarios.ScenarioRunner"/> reports it as bad input naming the scenario.</summary>
public sealed class SimulatedTimeOverflowException : Exception
{
    /// <summary>Creates the exception for <paramref name="seconds"/>.</summary>
    public SimulatedTimeOverflowException(double seconds)
        : base($"a duration of {seconds:G4} s does not fit simulated time (at most {long.MaxValue / 1e9 / (365.25 * 86400):F0} years)")
    {
        Seconds = seconds;
    }

    /// <summary>The duration that overflowed.</summary>
    public double Seconds { get; }
}
