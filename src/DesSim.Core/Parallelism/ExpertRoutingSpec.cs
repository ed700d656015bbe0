namespace DesSim.Core.Parallelism;

/// <summary>The token-to-expert popularity used to sample routing under expert parallelism (YAML <c>expert_routing:</c>).</summary>
/// <remarks><see cref="Exponent"/> is the Zipf exponent (≥ 0; 0 = uniform); <see cref="Popularity"/> the explicit per-expert
/// weights (one per routed expert, ≥ 0, not all 0). Unvalidated against the model here: <see cref="DeploymentValidator"/> checks the count.</remarks>
public sealed record ExpertRoutingSpec(ExpertRoutingKind Kind = ExpertRoutingKind.Uniform, double Exponent = 0, IReadOnlyList<double>? Popularity = null)
{
    /// <summary>Uniform routing (the default).</summary>
    public static ExpertRoutingSpec Uniform { get; } = new();

    /// <summary>Normalized per-expert probabilities for <paramref name="experts"/> experts.</summary>
    public double[] Probabilities(int experts)
    {
        var w = new double[experts];
        for (int i = 0; i < experts; i++)
        {
            w[i] = Kind switch
            {
                ExpertRoutingKind.Zipf => Math.Pow(i + 1, -Exponent),
                ExpertRoutingKind.Popularity => Popularity![i],
                _ => 1.0,
            };
        }

        double sum = w.Sum();
        for (int i = 0; i < experts; i++)
        {
            w[i] /= sum;
        }

        return w;
    }
}
