using YamlDotNet.RepresentationModel;

namespace DesSim.Cli.Tests.Studies;

/// <summary>
/// <c>dessim capacity</c>, <c>sweep</c> and <c>plan</c> on every shipped scenario end with exit 0 (a result) or 2 (the
/// scenario does not suit the study, one line saying why), never 1 (an internal error, a bug). Each study is sized to
/// stay cheap: capacity searches the scenario's own layout with at most <see cref="CapacityProbes"/> probes, the sweep
/// runs the scenario at one seed, and plan ranks the layouts of the scenario's model, GPU and precision for a short
/// synthetic load on at most <see cref="PlanMaxGpus"/> of its GPUs.
/// </summary>
[Category("Studies")]
public sealed class ShippedScenarioStudiesTests
{
    /// <summary>Capacity probes per layout (the bisection stops there).</summary>
    private const int CapacityProbes = 2;

    /// <summary>Requests per plan simulation.</summary>
    private const int PlanRequests = 40;

    /// <summary>Largest cluster plan is asked to lay out (the 128-GPU long-context scenarios would otherwise enumerate
    /// hundreds of layouts; 16 H100s still hold Llama-3.1-405B in FP8).</summary>
    private const int PlanMaxGpus = 16;

    /// <summary>GPUs per node when a scenario does not say (the cluster default, docs/scenarios.md).</summary>
    private const int DefaultGpusPerNode = 8;

    private static IEnumerable<string> ShippedScenarios() =>
        Directory.GetFiles(Path.Combine(CliHost.RepoRoot(), "scenarios"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(ShippedScenarios))]
    public void CapacityExitsZeroOrTwo(string scenario) =>
        AssertZeroOrTwo(dir => ["capacity", ScenarioPath(scenario), "--layouts", "scenario", "--max-sims", Inv(CapacityProbes), "--jobs", "1", "--out", dir]);

    [TestCaseSource(nameof(ShippedScenarios))]
    public void SweepExitsZeroOrTwo(string scenario) =>
        AssertZeroOrTwo(dir =>
        {
            string grid = Path.Combine(Path.GetDirectoryName(dir)!, "grid.yaml");
            File.WriteAllText(grid, "seeds: [1]\n");
            return ["sweep", ScenarioPath(scenario), "--grid", grid, "--jobs", "1", "--out", dir];
        });

    [TestCaseSource(nameof(ShippedScenarios))]
    public void PlanExitsZeroOrTwo(string scenario)
    {
        var facts = ScenarioFacts.Read(ScenarioPath(scenario));
        int perNode = Math.Min(facts.GpusPerNode, PlanMaxGpus);
        int gpus = Math.Min(facts.Gpus, PlanMaxGpus);
        AssertZeroOrTwo(dir =>
        [
            "plan", "--model", facts.Model, "--gpu", facts.Gpu, "--gpus", Inv(gpus), "--gpus-per-node", Inv(perNode),
            "--precision", facts.Precision, "--requests", Inv(PlanRequests), "--jobs", "1", "--out", dir,
        ]);
    }

    private static string ScenarioPath(string scenario) => Path.Combine(CliHost.RepoRoot(), "scenarios", scenario + ".yaml");

    private static string Inv(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertZeroOrTwo(Func<string, string[]> args)
    {
        string root = Directory.CreateTempSubdirectory("dessim-studies-").FullName;
        try
        {
            var (code, _, err) = CliTests.Run(args(Path.Combine(root, "out")));
            Assert.That(code, Is.EqualTo(0).Or.EqualTo(2), err);
            if (code == 2)
            {
                string[] lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.That(lines, Has.Length.EqualTo(1), "exit 2 prints one line: " + err);
                Assert.That(Directory.Exists(Path.Combine(root, "out")) && Directory.EnumerateFileSystemEntries(Path.Combine(root, "out")).Any(), Is.False, "exit 2 leaves no partial output");
            }
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    /// <summary>What plan needs from a scenario file: model, GPU, GPU count, GPUs per node and precision.</summary>
    private sealed record ScenarioFacts(string Model, string Gpu, int Gpus, int GpusPerNode, string Precision)
    {
        public static ScenarioFacts Read(string path)
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                yaml.Load(reader);
            }

            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            var cluster = (YamlMappingNode)root["cluster"];
            string model = root["model"] is YamlScalarNode m ? m.Value! : Scalar((YamlMappingNode)root["model"], "name")!;
            string precision = Scalar(root, "precision") ?? "bf16";
            if (cluster.Children.TryGetValue(new YamlScalarNode("node_groups"), out var groups))
            {
                var list = ((YamlSequenceNode)groups).Children.Cast<YamlMappingNode>().ToList();
                var first = list[0];
                int per = Int(first, "gpus_per_node") ?? DefaultGpusPerNode;
                int total = list.Sum(g => (Int(g, "nodes") ?? 1) * (Int(g, "gpus_per_node") ?? DefaultGpusPerNode));
                return new ScenarioFacts(model, Scalar(first, "gpu")!, total, per, precision);
            }

            int perNode = Int(cluster, "gpus_per_node") ?? DefaultGpusPerNode;
            return new ScenarioFacts(model, Scalar(cluster, "gpu")!, (Int(cluster, "nodes") ?? 1) * perNode, perNode, precision);
        }

        private static string? Scalar(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;

        private static int? Int(YamlMappingNode node, string key) =>
            Scalar(node, key) is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
