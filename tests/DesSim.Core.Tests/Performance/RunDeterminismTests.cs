using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Performance;

/// <summary>Same scenario and seed ⇒ identical results, run after run and when runs execute in parallel (as
/// <c>dessim bench sweep-8gpu</c> does). Guards the performance work: memos and pooling must not leak state between
/// runs or threads.</summary>
public sealed class RunDeterminismTests
{
    private const string Yaml = """
        name: determinism
        seed: 11
        model: llama-3.1-8b
        precision: bf16
        cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 8 }
        parallelism: { tp: 2, pp: 2, dp: 2 }
        scheduler: { policy: sarathi, max_num_seqs: 64, max_num_batched_tokens: 1024 }
        router: least-outstanding
        cost_model: measured
        link_model: link-level
        workload:
          requests: 400
          arrival: { process: poisson, rate: 30 }
          input_tokens: { dist: lognormal, mean: 800, sigma: 0.8, max: 6000 }
          output_tokens: { dist: lognormal, mean: 120, sigma: 0.8, max: 1000 }
        """;

    private static ScenarioRun Run() =>
        ScenarioRunner.Run(ScenarioLoader.Read(YamlDocumentLoader.Parse(Yaml, "determinism.yaml"), "determinism.yaml", Directory.GetCurrentDirectory()));

    private static void AssertSame(ScenarioRun a, ScenarioRun b)
    {
        Assert.That(b.EventsProcessed, Is.EqualTo(a.EventsProcessed));
        Assert.That(b.Result.Summary, Is.EqualTo(a.Result.Summary));
        Assert.That(b.Result.Requests, Is.EqualTo(a.Result.Requests));
        Assert.That(b.Result.Gpus, Is.EqualTo(a.Result.Gpus));
    }

    [Test]
    public void TwoRunsGiveIdenticalResults()
    {
        var first = Run();
        Assert.That(first.Result.Summary.RequestsCompleted, Is.EqualTo(400));
        AssertSame(first, Run());
    }

    [Test]
    public void ParallelRunsGiveTheSerialResult()
    {
        var serial = Run();
        var runs = new ScenarioRun[4];
        Parallel.For(0, runs.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => runs[i] = Run());
        foreach (var r in runs)
        {
            AssertSame(serial, r);
        }
    }
}
