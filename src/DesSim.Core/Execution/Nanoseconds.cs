namespace DesSim.Core.Execution;

/// <summary>Seconds to whole nanoseconds for scheduling.</summary>
internal static class Nanoseconds
{
    /// <summary>Rounds a non-negative duration in seconds to nanoseconds.</summary>
    public static long FromSeconds(double seconds)
    {
        if (!(seconds >= 0) || !double.IsFinite(seconds))
        {
            throw new InvalidOperationException($"a cost model produced an invalid duration: {seconds} s");
        }

        return (long)Math.Round(seconds * 1e9, MidpointRounding.AwayFromZero);
    }
}
