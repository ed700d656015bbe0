using System.Security.Cryptography;
using System.Text;
using DesSim.Core.Configuration;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace DesSim.Core.Studies;

/// <summary>Expands a scenario and a grid into validated points: every point's scenario is loaded (and its layout
/// planned) before anything runs, so a bad axis value fails the sweep up front with exit code 2.</summary>
public static class SweepExpander
{
    /// <summary>Expands <paramref name="grid"/> over the scenario at <paramref name="scenarioPath"/> with <c>--set</c> overrides.</summary>
    /// <exception cref="InputException">A bad scenario, or a point whose scenario is invalid (named by its grid values).</exception>
    public static SweepPlan Expand(string scenarioPath, IReadOnlyList<string> overrides, SweepGrid grid, string gridSource = "grid")
    {
        var root = YamlDocumentLoader.Load(scenarioPath);
        if (overrides.Count > 0)
        {
            YamlDocumentLoader.ApplyOverrides(root, overrides);
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(scenarioPath)) ?? Directory.GetCurrentDirectory();
        var baseScenario = ScenarioLoader.Read(new YamlSection((YamlMappingNode)YamlNodes.Clone(root.Node), scenarioPath, string.Empty), scenarioPath, dir);
        var rejected = new List<string>();
        IReadOnlyList<ParallelPlan?> layouts;
        if (grid.AllLayouts)
        {
            var (feasible, dropped) = LayoutEnumerator.Enumerate(baseScenario);
            rejected.AddRange(dropped);
            if (feasible.Count == 0)
            {
                throw new InputException(gridSource, "layouts", $"no TP × PP × DP (× EP/CP) layout of {baseScenario.Deployment.Cluster.TotalGpus} GPUs fits {baseScenario.Deployment.Model.Name}", "use more GPUs, fp8 weights, or a smaller model");
            }

            layouts = feasible;
        }
        else if (grid.Layouts.Count > 0)
        {
            int gpus = baseScenario.Deployment.Cluster.TotalGpus;
            var own = baseScenario.Deployment.Plan;
            layouts = grid.Layouts.Select((l, i) =>
            {
                // Why: an entry without ep or cp keeps the scenario's own (e.g. a list of TP × DP layouts of an EP8 scenario).
                var full = l with { Ep = l.Ep > 0 ? l.Ep : own.Ep, Cp = l.Cp > 0 ? l.Cp : own.Cp };
                if (full.Dp > 0)
                {
                    return (ParallelPlan?)full;
                }

                int perReplica = full.Tp * full.Pp * full.Cp;
                if (gpus % perReplica != 0)
                {
                    throw new InputException(gridSource, $"layouts[{i}]", $"tp·pp·cp = {perReplica} does not divide the cluster's {gpus} GPUs", "give dp explicitly");
                }

                return full with { Dp = gpus / perReplica };
            }).ToArray();
        }
        else
        {
            layouts = [null];
        }

        var points = new List<SweepPoint>();
        var combos = Combinations(grid.Axes);
        foreach (var layout in layouts)
        {
            foreach (var combo in combos)
            {
                points.Add(BuildPoint(points.Count, root, scenarioPath, dir, baseScenario, layout, grid.Axes, combo, gridSource));
            }
        }

        return new SweepPlan(baseScenario, grid, points, rejected, Fingerprint(points, grid.Replications));
    }

    private static SweepPoint BuildPoint(int index, YamlSection root, string path, string dir, Scenario baseScenario, ParallelPlan? layout, IReadOnlyList<SweepAxis> axes, int[] combo, string gridSource)
    {
        var node = (YamlMappingNode)YamlNodes.Clone(root.Node);
        if (layout is not null)
        {
            YamlNodes.Remove(node, "stage_layers");
            var par = node.Children.TryGetValue(new YamlScalarNode("parallelism"), out var p) && p is YamlMappingNode m ? m : new YamlMappingNode();
            par.Children[new YamlScalarNode("tp")] = new YamlScalarNode(Invariant(layout.Tp));
            par.Children[new YamlScalarNode("pp")] = new YamlScalarNode(Invariant(layout.Pp));
            par.Children[new YamlScalarNode("dp")] = new YamlScalarNode(Invariant(layout.Dp));
            foreach (var (key, degree) in new[] { ("ep", layout.Ep), ("cp", layout.Cp) })
            {
                // Why: a degree of 1 the scenario does not mention stays unwritten, so sweeps without EP/CP keep their fingerprint.
                if (degree != 1 || par.Children.ContainsKey(new YamlScalarNode(key)))
                {
                    par.Children[new YamlScalarNode(key)] = new YamlScalarNode(Invariant(degree));
                }
            }
            node.Children[new YamlScalarNode("parallelism")] = par;
        }

        var labels = new string[axes.Count];
        for (int a = 0; a < axes.Count; a++)
        {
            labels[a] = axes[a].Labels[combo[a]];
            if (!YamlNodes.Set(node, axes[a].KeyPath, YamlNodes.Clone(axes[a].Values[combo[a]])))
            {
                throw new InputException(gridSource, $"axes.{axes[a].KeyPath}", "a key on this path holds a value, not a mapping");
            }
        }

        var plan = layout ?? baseScenario.Deployment.Plan;
        var describe = string.Join(' ', new[] { plan.ToString() }.Concat(axes.Select((a, i) => $"{a.KeyPath}={labels[i]}")));
        try
        {
            var scenario = ScenarioLoader.Read(new YamlSection(node, path, string.Empty), path, dir, baseScenario);
            return new SweepPoint(index, scenario.Deployment.Plan, labels, scenario);
        }
        catch (InputException e)
        {
            throw new InputException(gridSource, $"point {index} ({describe})", e.Message);
        }
    }

    private static List<int[]> Combinations(IReadOnlyList<SweepAxis> axes)
    {
        var result = new List<int[]> { Array.Empty<int>() };
        foreach (var axis in axes)
        {
            var next = new List<int[]>(result.Count * axis.Values.Count);
            foreach (var prefix in result)
            {
                for (int v = 0; v < axis.Values.Count; v++)
                {
                    next.Add([.. prefix, v]);
                }
            }

            result = next;
        }

        return result;
    }

    private static string Fingerprint(IReadOnlyList<SweepPoint> points, int replications)
    {
        var sb = new StringBuilder();
        sb.Append("replications=").Append(Invariant(replications)).Append('\n');
        foreach (var p in points)
        {
            sb.Append(p.Scenario.YamlText).Append("\n---\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }

    private static string Invariant(int v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
