namespace DesSim.Engine;

/// <summary>Named priorities for events at the same simulated time (lower runs first).</summary>
/// <remarks>
/// Same-time order is a tested key: completions run before launches so that the resources a finishing
/// batch frees are visible to the scheduler deciding the next one; arrivals come after completions
/// and before scheduling decisions. Valid priorities are -16384..16383.
/// </remarks>
public static class EventPriority
{
    /// <summary>Work finishing (stage end, transfer arrival).</summary>
    public const int Completion = -100;

    /// <summary>Requests arriving.</summary>
    public const int Arrival = -50;

    /// <summary>Default priority.</summary>
    public const int Normal = 0;

    /// <summary>Scheduling decisions, after everything else at the same time.</summary>
    public const int Decision = 100;

    /// <summary>Observers sampling state, last of all.</summary>
    public const int Sample = 1000;

    internal const int Min = -(1 << 14);
    internal const int Max = (1 << 14) - 1;
}
