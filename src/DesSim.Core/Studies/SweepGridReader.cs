using DesSim.Core.Configuration;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace DesSim.Core.Studies;

/// <summary>Reads a sweep grid YAML file (keys in docs/sweeps.md) into a <see cref="SweepGrid"/>.</summary>
/// <remarks>Keys: <c>layouts</c> (<c>all</c> or a list of <c>{tp, pp, dp, ep, cp}</c>; dp defaults to the GPUs left over and
/// is read as 0 until the expander fills it in; ep and cp, when absent, keep the scenario's own and are read as 0),
/// <c>axes</c> (a mapping of dotted scenario key paths to value lists, in order), <c>seeds</c> (a list: sugar for an
/// axis on <c>seed</c>), <c>replications</c> (seeds per point, default 1). Unknown keys are rejected.</remarks>
public static class SweepGridReader
{
    /// <summary>Most points a grid may expand to.</summary>
    /// <remarks>A guard against typos (a 10-value axis pasted twice), not a performance limit.</remarks>
    public const int MaxPoints = 100_000;

    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="InputException">Missing file, bad YAML or a bad key.</exception>
    public static SweepGrid Load(string path) => Read(YamlDocumentLoader.Load(path));

    /// <summary>Reads a parsed grid document.</summary>
    public static SweepGrid Read(YamlSection root)
    {
        bool all = false;
        var layouts = new List<ParallelPlan>();
        var layoutsNode = root.GetNode("layouts");
        switch (layoutsNode)
        {
            case null:
                break;
            case YamlScalarNode { Value: "all" }:
                all = true;
                break;
            case YamlSequenceNode seq:
                int i = 0;
                foreach (var item in seq.Children)
                {
                    if (item is not YamlMappingNode m)
                    {
                        throw root.Error(item, $"layouts[{i}]", "expected a mapping such as { tp: 4, pp: 2 }");
                    }

                    var s = new YamlSection(m, root.File, $"layouts[{i}]", root.Notes);
                    var tp = s.GetInt("tp", 1, min: 1, max: 4096)!.Value;
                    var pp = s.GetInt("pp", 1, min: 1, max: 4096)!.Value;
                    var dp = s.GetInt("dp", min: 1, max: 1_000_000);
                    var ep = s.GetInt("ep", min: 1, max: 4096);
                    var cp = s.GetInt("cp", min: 1, max: 4096);
                    s.RejectUnknownKeys();
                    layouts.Add(new ParallelPlan(tp, pp, dp ?? 0, ep ?? 0, cp ?? 0));
                    i++;
                }

                break;
            default:
                throw root.Error("layouts", "expected 'all' or a list of { tp, pp, dp, ep, cp }", "e.g. layouts: all");
        }

        var axes = new List<SweepAxis>();
        var axesSection = root.GetSection("axes");
        if (axesSection is not null)
        {
            foreach (var (k, v) in axesSection.Node.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? string.Empty;
                axesSection.MarkKnown(key);
                if (key.Length == 0 || key.Split('.').Any(string.IsNullOrWhiteSpace))
                {
                    throw axesSection.Error(k, axesSection.PathOf(key), "an axis key must be a dotted scenario key path", "e.g. workload.arrival.rate");
                }

                if (key is "parallelism" or "parallelism.tp" or "parallelism.pp" or "parallelism.dp" or "parallelism.ep" or "parallelism.cp" or "seed")
                {
                    throw axesSection.Error(k, axesSection.PathOf(key), $"'{key}' is swept by its own grid key", key == "seed" ? "use seeds: [..]" : "use layouts: all or layouts: [{ tp, pp, dp, ep, cp }]");
                }

                if (v is not YamlSequenceNode values || values.Children.Count == 0)
                {
                    throw axesSection.Error(v, axesSection.PathOf(key), "expected a non-empty list of values", $"e.g. {key}: [2, 4, 8]");
                }

                axes.Add(new SweepAxis(key, values.Children.ToArray()));
            }
        }

        var seeds = root.GetLongList("seeds", min: 0);
        if (seeds is not null)
        {
            if (seeds.Count == 0)
            {
                throw root.Error("seeds", "expected a non-empty list of seeds");
            }

            axes.Add(new SweepAxis("seed", seeds.Select(s => (YamlNode)new YamlScalarNode(s.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray()));
        }

        int replications = root.GetInt("replications", 1, min: 1, max: 1000)!.Value;
        root.RejectUnknownKeys();
        long points = Math.Max(1, all ? 1 : layouts.Count) * axes.Aggregate(1L, (n, a) => n * a.Values.Count);
        if (points > MaxPoints)
        {
            throw new InputException(root.File, null, $"the grid expands to {points:N0} points, more than {MaxPoints:N0}", "split it into several sweeps");
        }

        return new SweepGrid(all, layouts, axes, replications);
    }
}
