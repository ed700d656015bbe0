namespace DesSim.Core.Studies;

/// <summary>Which deterministic subset of a sweep's points to run: shard <see cref="Index"/> of <see cref="Count"/> (1-based).</summary>
/// <remarks>Point i belongs to shard <c>(i mod Count) + 1</c>: round-robin, so every shard gets a similar mix of layouts and loads.</remarks>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The whole sweep.</summary>
    public static ShardSpec All { get; } = new(1, 1);

    /// <summary>Whether point <paramref name="pointIndex"/> is in this shard.</summary>
    public bool Contains(int pointIndex) => pointIndex % Count == Index - 1;

    /// <summary>Parses <c>K/N</c> (1 ≤ K ≤ N).</summary>
    /// <exception cref="InputException">Not of that form.</exception>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n)
            && n >= 1 && k >= 1 && k <= n)
        {
            return new ShardSpec(k, n);
        }

        throw new InputException("--shard", text, "expected K/N with 1 ≤ K ≤ N", "e.g. --shard 2/8; for a Kubernetes Indexed Job use $((JOB_COMPLETION_INDEX+1))/N");
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}
