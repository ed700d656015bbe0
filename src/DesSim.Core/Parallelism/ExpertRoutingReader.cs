using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Parallelism;

/// <summary>Reads the optional <c>expert_routing:</c> mapping of a scenario into an <see cref="ExpertRoutingSpec"/>.</summary>
/// <remarks>Keys: <c>dist</c> (uniform | zipf | popularity), <c>exponent</c> (zipf, ≥ 0), <c>popularity</c> (list of weights ≥ 0,
/// one per routed expert). Absent mapping = uniform. Unknown keys are rejected.</remarks>
public static class ExpertRoutingReader
{
    /// <summary>Reads <c>root.expert_routing</c>.</summary>
    /// <exception cref="InputException">A malformed or inconsistent value, naming the key path.</exception>
    public static ExpertRoutingSpec Read(YamlSection root)
    {
        var s = root.GetSection("expert_routing");
        if (s is null)
        {
            return ExpertRoutingSpec.Uniform;
        }

        var dist = s.GetEnum("dist", ["uniform", "zipf", "popularity"], "uniform");
        ExpertRoutingSpec spec;
        switch (dist)
        {
            case "zipf":
                double exponent = s.GetDouble("exponent", null, 0, 16) ?? throw s.Error("exponent", "is required for dist: zipf", "e.g. exponent: 1.0 (0 = uniform)");
                spec = new ExpertRoutingSpec(ExpertRoutingKind.Zipf, exponent);
                break;
            case "popularity":
                var weights = s.GetDoubleList("popularity", 0) ?? throw s.Error("popularity", "is required for dist: popularity", "one weight per routed expert, e.g. [4, 1, 1, 1, 1, 1, 1, 1]");
                if (weights.Sum() <= 0)
                {
                    throw s.Error("popularity", "weights must not all be 0");
                }

                spec = new ExpertRoutingSpec(ExpertRoutingKind.Popularity, 0, weights);
                break;
            default:
                spec = ExpertRoutingSpec.Uniform;
                break;
        }

        s.RejectUnknownKeys();
        return spec;
    }
}
