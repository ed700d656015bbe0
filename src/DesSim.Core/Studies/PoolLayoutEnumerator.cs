using System.Globalization;
using DesSim.Core.Configuration;
using DesSim.Core.Hardware;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace DesSim.Core.Studies;

/// <summary>Lists the pool layouts of a cluster for <c>dessim plan</c>: prefill/decode splits (xPyD with a TP × PP per
/// pool) and, on a cluster of several node groups, colocated data-parallel layouts over the groups.</summary>
/// <remarks>
/// Every candidate uses every GPU of the cluster, as the colocated enumeration does (<see cref="LayoutEnumerator"/>):
/// <list type="bullet">
/// <item>One node group of G GPUs: every split of x prefill instances of a <c>tp_p × pp_p</c> shape and y decode instances
/// of a <c>tp_d × pp_d</c> shape with x, y ≥ 1 and x·tp_p·pp_p + y·tp_d·pp_d = G, where each shape's GPU count divides G.
/// Order: prefill GPUs per instance descending, then TP descending, then x ascending; the decode shape the same way.</item>
/// <item>Two node groups: the prefill pool fills one group and the decode pool the other, both ways round (the planner
/// decides which GPU serves which phase); per group every shape whose GPU count divides the group's GPUs.</item>
/// <item>More node groups cannot be covered by two pools (each pool lies on one group): refused.</item>
/// <item>Colocated over node groups: every TP × PP (TP descending, then PP) whose replicas, filling the groups in order,
/// use every GPU.</item>
/// </list>
/// A candidate is kept when its scenario loads (<see cref="ScenarioLoader"/>: placement, memory, a decode KV cache that
/// holds a prompt); otherwise it is listed as rejected with the loader's reason.
/// </remarks>
public static class PoolLayoutEnumerator
{
    /// <summary>The candidate layouts of <paramref name="cluster"/>, before any is loaded: splits when
    /// <paramref name="disaggregation"/>, and colocated layouts over node groups when the cluster has several.</summary>
    /// <exception cref="InputException">No split can cover the cluster (fewer than 2 GPUs, more than 2 node groups).</exception>
    public static (IReadOnlyList<PoolLayout> Candidates, IReadOnlyList<string> Rejected) Candidates(ClusterSpec cluster, bool disaggregation)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var groups = cluster.Groups;
        var names = groups.Select(g => g.Gpu.Name).ToArray();
        var candidates = new List<PoolLayout>();
        var rejected = new List<string>();
        if (groups.Count > 1)
        {
            Colocated(cluster, names, candidates, rejected);
        }

        if (!disaggregation)
        {
            return (candidates, rejected);
        }

        if (groups.Count > 2)
        {
            throw new InputException("--disaggregation", null, Inv($"a prefill pool and a decode pool lie on one node group each, so they cover at most 2 node groups: the cluster has {groups.Count}"), "plan on two GPU types, e.g. --gpu h100,h200");
        }

        if (groups.Count == 2)
        {
            for (int p = 0; p < 2; p++)
            {
                foreach (var (pi, ptp, ppp) in Fills(groups[p].TotalGpus))
                {
                    foreach (var (di, dtp, dpp) in Fills(groups[1 - p].TotalGpus))
                    {
                        candidates.Add(Split(names, p, pi, ptp, ppp, 1 - p, di, dtp, dpp));
                    }
                }
            }

            return (candidates, rejected);
        }

        int gpus = groups[0].TotalGpus;
        if (gpus < 2)
        {
            throw new InputException("--disaggregation", null, Inv($"a prefill and a decode pool need at least 1 GPU each: the cluster has {gpus} GPU"), "plan on 2 GPUs or more");
        }

        var sizes = LayoutEnumerator.Divisors(gpus).Reverse().ToArray();
        foreach (int ps in sizes)
        {
            foreach (var (ptp, ppp) in Shapes(ps))
            {
                for (int x = 1; x * ps < gpus; x++)
                {
                    int left = gpus - (x * ps);
                    foreach (int ds in sizes.Where(d => left % d == 0))
                    {
                        foreach (var (dtp, dpp) in Shapes(ds))
                        {
                            candidates.Add(Split(names, 0, x, ptp, ppp, 0, left / ds, dtp, dpp));
                        }
                    }
                }
            }
        }

        return (candidates, rejected);
    }

    /// <summary>The candidates of <paramref name="scenario"/>'s cluster that load, each with its scenario, and the rejected
    /// ones with the reason.</summary>
    /// <param name="scenario">The plan's scenario (its layout is replaced).</param>
    /// <param name="directory">Where the scenario's relative paths resolve.</param>
    /// <param name="disaggregation">Also enumerate prefill/decode splits.</param>
    /// <exception cref="InputException">No split can cover the cluster, or node groups share a GPU (pools name their group by GPU).</exception>
    public static (IReadOnlyList<PoolCandidate> Feasible, IReadOnlyList<string> Rejected) Enumerate(Scenario scenario, string directory, bool disaggregation)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var cluster = scenario.Deployment.Cluster;
        var names = cluster.Groups.Select(g => g.Gpu.Name).ToArray();
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Length)
        {
            throw new InputException("cluster.node_groups", null, $"two node groups have the same GPU ({string.Join(", ", names)}): a pool names its node group by GPU", "give each GPU type one node group");
        }

        var (candidates, rejected) = Candidates(cluster, disaggregation);
        var feasible = new List<PoolCandidate>();
        var dropped = rejected.ToList();
        foreach (var layout in candidates)
        {
            try
            {
                feasible.Add(new PoolCandidate(layout, Apply(scenario, directory, layout)));
            }
            catch (InputException e)
            {
                dropped.Add($"{layout}: {e.Reason}");
            }
        }

        return (feasible, dropped);
    }

    /// <summary><paramref name="scenario"/> with its layout replaced by <paramref name="layout"/>, loaded from its effective
    /// YAML exactly as a scenario file would be (so <c>dessim run</c> of that YAML simulates the same thing).</summary>
    /// <exception cref="InputException">The layout does not load (placement, memory, KV capacity): the loader's reason.</exception>
    public static Scenario Apply(Scenario scenario, string directory, PoolLayout layout)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(layout);
        var root = YamlDocumentLoader.Parse(scenario.YamlText, scenario.SourcePath).Node;
        foreach (var key in new[] { "parallelism", "stage_layers", "disaggregation" })
        {
            root.Children.Remove(new YamlScalarNode(key));
        }

        if (layout.Disaggregated)
        {
            root.Children[new YamlScalarNode("disaggregation")] = new YamlMappingNode
            {
                { "prefill", PoolNode(layout, layout.Prefill!) },
                { "decode", PoolNode(layout, layout.Decode!) },
            };
        }
        else
        {
            var plan = layout.Equivalent;
            root.Children[new YamlScalarNode("parallelism")] = new YamlMappingNode { { "tp", Inv($"{plan.Tp}") }, { "pp", Inv($"{plan.Pp}") }, { "dp", Inv($"{plan.Dp}") } };
        }

        return ScenarioLoader.Read(new YamlSection(root, scenario.SourcePath, string.Empty), scenario.SourcePath, directory, scenario);
    }

    private static YamlMappingNode PoolNode(PoolLayout layout, PoolSpec pool) => new()
    {
        { "instances", Inv($"{pool.Instances}") },
        { "tp", Inv($"{pool.Tp}") },
        { "pp", Inv($"{pool.Pp}") },
        { "gpu", layout.GpuOf(pool) },
    };

    private static void Colocated(ClusterSpec cluster, string[] names, List<PoolLayout> candidates, List<string> rejected)
    {
        int total = cluster.TotalGpus;
        foreach (var tp in LayoutEnumerator.Divisors(total).Reverse())
        {
            foreach (var pp in LayoutEnumerator.Divisors(total / tp).Reverse())
            {
                int size = tp * pp;
                var fits = cluster.Groups.Select(g => PoolScenarios.Capacity(g.Nodes, g.GpusPerNode, size)).ToArray();
                if (fits.Sum() * size != total)
                {
                    rejected.Add(Inv($"TP{tp}xPP{pp} over the node groups: replicas of {size} GPUs fill {string.Join(" + ", fits.Select(f => f * size))} = {fits.Sum() * size} of {total} GPUs (a replica stays inside one node group, and inside a node it fits in)"));
                    continue;
                }

                var pools = fits.Select((n, g) => (n, g)).Where(f => f.n > 0).Select(f => new PoolSpec(PoolRole.Colocated, f.g, f.n, tp, pp, "parallelism")).ToArray();
                candidates.Add(new PoolLayout(pools, false, names));
            }
        }
    }

    private static PoolLayout Split(string[] names, int pg, int pi, int ptp, int ppp, int dg, int di, int dtp, int dpp) => new(
        [new PoolSpec(PoolRole.Prefill, pg, pi, ptp, ppp, "disaggregation.prefill"), new PoolSpec(PoolRole.Decode, dg, di, dtp, dpp, "disaggregation.decode")],
        true,
        names);

    // Instances × shape that fill a group of `gpus` GPUs exactly: GPUs per instance descending, then TP descending.
    private static IEnumerable<(int Instances, int Tp, int Pp)> Fills(int gpus)
    {
        foreach (int size in LayoutEnumerator.Divisors(gpus).Reverse())
        {
            foreach (var (tp, pp) in Shapes(size))
            {
                yield return (gpus / size, tp, pp);
            }
        }
    }

    // Every TP × PP of `size` GPUs, TP descending.
    private static IEnumerable<(int Tp, int Pp)> Shapes(int size) => LayoutEnumerator.Divisors(size).Reverse().Select(tp => (tp, size / tp));

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
