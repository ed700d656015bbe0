using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>A cost model's duration in seconds to whole nanoseconds for scheduling.</summary>
/// <remarks>The rounding is <see cref="SimTime.TryFromSeconds"/>'s (the one seconds→<see cref="SimTime"/> rule); this adds
/// the errors an executor needs: a negative or NaN duration is a cost-model bug, one too long for simulated time an input error.</remarks>
internal static class Nanoseconds
{
    /// <summary>Rounds a non-negative duration in seconds to nanoseconds.</summary>
    public static long FromSeconds(double seconds)
    {
        if (!(seconds >= 0) || !double.IsFinite(seconds))
        {
            throw new InvalidOperationException($"a cost model produced an invalid duration: {seconds} s");
        }

        return SimTime.TryFromSeconds(seconds, out var time) ? time.Nanoseconds : throw new SimulatedTimeOverflowException(seconds);
    }
}
