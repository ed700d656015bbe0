namespace DesSim.Core.Execution;

/// <summary>Seconds to whole nanoseconds for scheduling.</summary>
internal static class Nanoseconds
{
    /// <summary>2⁶³ as a double: the first value that no longer fits a long.</summary>
    private const double MaxNanoseconds = 9.223372036854775808e18;

    /// <summary>Rounds a non-negative duration in seconds to nanoseconds.</summary>
    public static long FromSeconds(double seconds)
    {
        if (!(seconds >= 0) || !double.IsFinite(seconds))
        {
            throw new InvalidOperationException($"a cost model produced an invalid duration: {seconds} s");
        }

        double ns = Math.Round(seconds * 1e9, MidpointRounding.AwayFromZero);

        // Why: casting a double beyond long's range is unspecified (x64 gives long.MinValue: a negative duration).
        return ns < MaxNanoseconds ? (long)ns : throw new SimulatedTimeOverflowException(seconds);
    }
}
