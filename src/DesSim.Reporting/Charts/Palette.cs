namespace DesSim.Reporting.Charts;

/// <summary>The chart colour palette: Tableau 10, plus fixed colours for the per-GPU time breakdown.</summary>
/// <remarks>Colours are CSS hex strings. Series without an explicit colour take <see cref="Get"/> of their index among
/// palette-coloured series, so the same plot always gets the same colours.</remarks>
public static class Palette
{
    /// <summary>Tableau 10: distinguishable, print-friendly, colour-blind tolerable.</summary>
    public static IReadOnlyList<string> Colors { get; } =
    [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ];

    /// <summary>Compute time (blue).</summary>
    public const string Compute = "#4e79a7";

    /// <summary>Tensor-parallel communication (orange).</summary>
    public const string TpComm = "#f28e2b";

    /// <summary>Pipeline-parallel communication (purple).</summary>
    public const string PpComm = "#b07aa1";

    /// <summary>Other collectives inside a stage: expert all-to-all, context-parallel ring (teal).</summary>
    public const string OtherComm = "#76b7b2";

    /// <summary>Pipeline bubble (red).</summary>
    public const string Bubble = "#e15759";

    /// <summary>Idle time (light grey).</summary>
    public const string Idle = "#cfcfcf";

    /// <summary>The six time-breakdown colours in the order compute, TP comm, PP comm, other comm, bubble, idle.</summary>
    public static IReadOnlyList<string> TimeBreakdown { get; } = [Compute, TpComm, PpComm, OtherComm, Bubble, Idle];

    /// <summary>The palette colour for an index, cycling.</summary>
    /// <param name="index">Zero-based; negative values are treated as their absolute value.</param>
    public static string Get(int index) => Colors[Math.Abs(index % Colors.Count)];
}
