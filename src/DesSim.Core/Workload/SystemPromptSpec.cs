namespace DesSim.Core.Workload;

/// <summary>The shared system prompts sessions open with: how many, how long, and how popular each is.</summary>
/// <remarks>With <see cref="Zipf"/>, prompt <c>k</c> (0-based) is picked with probability ∝ <c>1 / (k + 1)^Exponent</c>;
/// otherwise uniformly. <see cref="Count"/> = 0 means no system prompt.</remarks>
/// <param name="Count">Distinct system prompts (≥ 0).</param>
/// <param name="Tokens">Tokens of each.</param>
/// <param name="Zipf">Zipf popularity (else uniform).</param>
/// <param name="Exponent">Zipf exponent (&gt; 0).</param>
public sealed record SystemPromptSpec(int Count, int Tokens, bool Zipf, double Exponent)
{
    /// <summary>No system prompt.</summary>
    public static readonly SystemPromptSpec None = new(0, 0, false, 1);
}
