using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Scenarios;

public sealed class EpCpScenarioTests
{
    private const string MixtralYaml = """
        name: ep
        seed: 5
        model: mixtral-8x7b
        cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 8 }
        parallelism: { tp: 2, dp: 4, ep: 8 }
        expert_routing: { dist: popularity, popularity: [4, 1, 1, 1, 1, 1, 1, 1] }
        cost_model: roofline
        workload:
          requests: 200
          arrival: { process: poisson, rate: 20 }
          input_tokens: 512
          output_tokens: 64
        """;

    private static ScenarioRun Run(string yaml) =>
        ScenarioRunner.Run(ScenarioLoader.Read(YamlDocumentLoader.Parse(yaml, "s.yaml"), "s.yaml", "."));

    [Test]
    public void AnEpRunReportsExpertLoadAndAllToAllTimeDeterministically()
    {
        var a = Run(MixtralYaml).Result.Summary;
        var b = Run(MixtralYaml).Result.Summary;
        Assert.That(a.ExpertLoad, Is.Not.Null);
        Assert.That(a.ExpertLoad!.ExpertTokens, Is.EqualTo(b.ExpertLoad!.ExpertTokens));
        Assert.That(a.TtftMs.Mean, Is.EqualTo(b.TtftMs.Mean));
        Assert.That(a.OtherCommShare, Is.GreaterThan(0));
        // Popularity 4:1×7 → the hot expert gets 4/11 of assignments: max/mean = 32/11.
        Assert.That(a.ExpertLoad.ImbalanceFactor, Is.EqualTo(32 / 11.0).Within(0.1));
        Assert.That(a.ExpertLoad.ExpertTokens.Sum(), Is.GreaterThan(0));
    }

    [Test]
    public void SkewedRoutingIsSlowerThanUniform()
    {
        var skewed = Run(MixtralYaml).Result.Summary;
        var uniform = Run(MixtralYaml.Replace("{ dist: popularity, popularity: [4, 1, 1, 1, 1, 1, 1, 1] }", "{ dist: uniform }", StringComparison.Ordinal)).Result.Summary;
        Assert.That(uniform.ExpertLoad!.ImbalanceFactor, Is.LessThan(1.1));
        Assert.That(skewed.TpotMs.Mean, Is.GreaterThan(uniform.TpotMs.Mean));
    }

    [Test]
    public void ADenseRunHasNoExpertLoad()
    {
        var s = Run(MixtralYaml.Replace("model: mixtral-8x7b", "model: llama-3.1-8b", StringComparison.Ordinal)
            .Replace("parallelism: { tp: 2, dp: 4, ep: 8 }", "parallelism: { tp: 2, dp: 4 }", StringComparison.Ordinal)
            .Replace("expert_routing: { dist: popularity, popularity: [4, 1, 1, 1, 1, 1, 1, 1] }\n", string.Empty, StringComparison.Ordinal)).Result.Summary;
        Assert.That(s.ExpertLoad, Is.Null);
        Assert.That(s.OtherCommShare, Is.EqualTo(0));
    }

    [Test]
    public void ACpRunShowsTheExposedRingInTheGpuBreakdown()
    {
        const string Yaml = """
            name: cp
            model: llama-3.1-405b
            precision: fp8
            cluster: { gpu: h100-sxm, nodes: 16, gpus_per_node: 8 }
            parallelism: { tp: 8, cp: 16 }
            scheduler: { max_num_seqs: 1, max_num_batched_tokens: 16384 }
            cost_model: roofline
            workload:
              requests: 1
              arrival: { process: burst }
              input_tokens: 16384
              output_tokens: 1
            """;
        var run = Run(Yaml);
        Assert.That(run.Result.Gpus, Has.Count.EqualTo(128));
        Assert.That(run.Result.Gpus.All(g => g.OtherCommSeconds > 0), Is.True);
        Assert.That(run.Result.Summary.OtherCommShare, Is.GreaterThan(0.01));
        Assert.That(run.Result.Summary.ExpertLoad, Is.Null);
    }

    [TestCase("mixtral-h100-ep8.yaml")]
    [TestCase("llama405b-cp16-128k.yaml")]
    [TestCase("llama405b-cp16-1m.yaml")]
    public void ShippedEpCpScenariosLoad(string file)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DesSim.sln")))
        {
            dir = dir.Parent;
        }

        Assert.That(dir, Is.Not.Null, "repository root");
        var scenario = ScenarioLoader.Load(Path.Combine(dir!.FullName, "scenarios", file));
        Assert.That(scenario.Deployment.Plan.Ep * scenario.Deployment.Plan.Cp, Is.GreaterThan(1));
    }
}
