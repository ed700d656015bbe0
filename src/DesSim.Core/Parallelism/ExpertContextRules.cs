namespace DesSim.Core.Parallelism;

/// <summary>The rules of expert (EP) and context (CP) parallel layouts and how EP maps onto GPUs.</summary>
/// <remarks>
/// GPU mapping (docs/parallelism-ep-cp.md): a replica holds <c>tp · pp · cp</c> GPUs; EP adds none. The MoE MLP of a
/// stage runs on an <em>EP domain</em> of GPUs that attention uses with TP (and, across replicas, data-parallel):
/// <list type="bullet">
/// <item>ep divides tp: the stage's tp GPUs form ep expert groups of tp/ep GPUs; each group holds experts/ep experts, each
/// expert split tp/ep ways (expert TP = tp/ep). The domain is one replica's stage.</item>
/// <item>tp divides ep, and ep/tp divides dp: the domain spans d = ep/tp replicas (attention data-parallel across them);
/// each GPU holds experts/ep whole experts (expert TP = 1).</item>
/// </list>
/// Experts must divide by ep. EP and CP together are rejected (not modeled).
/// </remarks>
public static class ExpertContextRules
{
    /// <summary>Ways each expert's MLP is split: tp/ep when ep ≤ tp, else 1 (ep = 1: tp, today's TP split).</summary>
    public static int ExpertTp(ParallelPlan p) => p.Ep <= p.Tp ? p.Tp / p.Ep : 1;

    /// <summary>Replicas whose GPUs share one EP domain: ep/tp when ep &gt; tp, else 1.</summary>
    public static int ReplicasPerExpertDomain(ParallelPlan p) => p.Ep > p.Tp ? p.Ep / p.Tp : 1;

    /// <summary>Throws <see cref="InputException"/> (location <c>parallelism.ep</c>/<c>parallelism.cp</c>/<c>expert_routing</c>) for an invalid EP/CP layout.</summary>
    public static void Validate(DeploymentSpec spec)
    {
        var m = spec.Model;
        var p = spec.Plan;
        if (p.Ep > 1 && !m.IsMoe)
        {
            throw new InputException(null, "parallelism.ep", $"ep={p.Ep} but {m.Name} is a dense model (no experts)", "use ep: 1, or a mixture-of-experts model");
        }

        if (p.Ep > 1 && p.Cp > 1)
        {
            throw new InputException(null, "parallelism.cp", $"ep={p.Ep} with cp={p.Cp}: expert and context parallelism together are not modeled", "use ep: 1 or cp: 1");
        }

        if (p.Ep > 1 && m.NumExperts % p.Ep != 0)
        {
            throw new InputException(null, "parallelism.ep", $"{m.Name} has {m.NumExperts} experts, not divisible by ep={p.Ep}",
                $"use ep in {{{string.Join(", ", Enumerable.Range(1, m.NumExperts).Where(d => m.NumExperts % d == 0))}}}");
        }

        if (p.Ep > 1 && p.Ep <= p.Tp && p.Tp % p.Ep != 0)
        {
            throw new InputException(null, "parallelism.ep", $"ep={p.Ep} must divide tp={p.Tp} (expert groups are carved out of the TP GPUs)", "use ep dividing tp, or ep = tp × k with k dividing dp");
        }

        if (p.Ep > p.Tp)
        {
            if (p.Ep % p.Tp != 0)
            {
                throw new InputException(null, "parallelism.ep", $"ep={p.Ep} is larger than tp={p.Tp} but not a multiple of it", "use ep dividing tp, or ep = tp × k with k dividing dp");
            }

            int d = p.Ep / p.Tp;
            if (p.Dp % d != 0)
            {
                throw new InputException(null, "parallelism.ep",
                    $"ep={p.Ep} over tp={p.Tp} spans {d} data-parallel replicas, but dp={p.Dp} is not a multiple of {d}: the EP domains would not cover the GPUs",
                    $"use dp a multiple of {d}, or ep ≤ tp");
            }
        }

        if (m.IsMoe && spec.ExpertRouting.Popularity is { } pop && pop.Count != m.NumExperts)
        {
            throw new InputException(null, "expert_routing.popularity", $"lists {pop.Count} weights but {m.Name} has {m.NumExperts} experts", "give one weight per routed expert");
        }
    }

    /// <summary>One line describing the EP mapping of <paramref name="spec"/> (for run notes).</summary>
    public static string Describe(DeploymentSpec spec)
    {
        var p = spec.Plan;
        var m = spec.Model;
        int d = ReplicasPerExpertDomain(p);
        return FormattableString.Invariant($"{m.Name} ep={p.Ep}: experts per group {m.NumExperts / p.Ep}, each expert split {ExpertTp(p)}-way; EP domain = {p.Tp * d} GPUs")
            + (d > 1 ? FormattableString.Invariant($" over {d} replicas (attention data-parallel; the other replicas are assumed to send as many tokens)") : " of one stage")
            + FormattableString.Invariant($"; routing {spec.ExpertRouting.Kind.ToString().ToLowerInvariant()} sampled per batch, the layer waits for the busiest expert GPU");
    }
}
