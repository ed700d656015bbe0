namespace DesSim.Core.Workload;

/// <summary>How synthetic token counts (input or output) are drawn.</summary>
/// <remarks>
/// All draws are whole tokens clamped to [<see cref="MinTokens"/>, <see cref="MaxTokens"/>] (default 1 .. 10 M).
/// Empirical lengths come from <see cref="File"/>: a lengths CSV (column <see cref="Column"/>) or, when
/// <see cref="FromTrace"/> is true, a trace in any supported format (its input or output lengths).
/// </remarks>
public sealed record LengthSpec(LengthDistribution Distribution)
{
    /// <summary>Fixed value (tokens).</summary>
    public int ValueTokens { get; init; }

    /// <summary>Lower bound (tokens), ≥ 1.</summary>
    public int MinTokens { get; init; } = 1;

    /// <summary>Upper bound (tokens).</summary>
    public int MaxTokens { get; init; } = TraceLimits.MaxTokens;

    /// <summary>Arithmetic mean (tokens) for normal and lognormal.</summary>
    public double MeanTokens { get; init; }

    /// <summary>Standard deviation (tokens) for normal.</summary>
    public double StdTokens { get; init; }

    /// <summary>Log-space sigma for lognormal (dimensionless).</summary>
    public double Sigma { get; init; }

    /// <summary>Zipf exponent (&gt; 0).</summary>
    public double Exponent { get; init; } = 1.0;

    /// <summary>Empirical: path of the lengths CSV or trace (already resolved).</summary>
    public string? File { get; init; }

    /// <summary>Empirical lengths CSV: the column to read (null: the default for input or output).</summary>
    public string? Column { get; init; }

    /// <summary>Empirical: <see cref="File"/> is a trace, read with <see cref="TraceFormat"/>.</summary>
    public bool FromTrace { get; init; }

    /// <summary>Empirical from a trace: its format.</summary>
    public TraceFormat TraceFormat { get; init; } = TraceFormat.Auto;
}
