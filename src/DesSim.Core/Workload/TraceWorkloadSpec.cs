namespace DesSim.Core.Workload;

/// <summary>Replay of a recorded trace file, with a time window, rate scaling, sampling and length clamps.</summary>
/// <remarks>
/// Times are trace seconds (before scaling). The window keeps rows with <c>start ≤ t &lt; start + duration</c>,
/// rebased so that <c>start</c> becomes time 0; then every arrival is divided by <see cref="RateScale"/>
/// (k &gt; 1 replays k× faster). <see cref="SampleFraction"/> keeps each row with that probability (stream "sampling").
/// </remarks>
public sealed record TraceWorkloadSpec(string TracePath, TraceFormat Format = TraceFormat.Auto) : WorkloadSpec
{
    /// <summary>Skip malformed rows (counted by reason) instead of stopping.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Start of the replayed window in trace seconds (null: from the beginning).</summary>
    public double? StartSeconds { get; init; }

    /// <summary>Length of the replayed window in trace seconds (null: to the end).</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Replay at this multiple of the recorded rate (inter-arrival gaps divided by it); &gt; 0.</summary>
    public double RateScale { get; init; } = 1.0;

    /// <summary>Fraction of rows kept, in (0, 1].</summary>
    public double SampleFraction { get; init; } = 1.0;

    /// <summary>BurstGPT only: keep rows whose <c>Model</c> equals this (case-insensitive); null keeps all.</summary>
    public string? BurstGptModel { get; init; }

    /// <summary>BurstGPT only: keep rows whose <c>Log Type</c> equals this (case-insensitive); null keeps all.</summary>
    public string? BurstGptLogType { get; init; }

    /// <summary>Rows held to re-sort slightly out-of-order timestamps; a row later than this many rows out of place is an error.</summary>
    public int ReorderWindowRows { get; init; } = DefaultReorderWindowRows;

    /// <summary>Default reorder window (rows). Why 4096: real traces that are unsorted are jittered by a few rows; 4096 rows cost &lt; 1 MB.</summary>
    public const int DefaultReorderWindowRows = 4096;
}
