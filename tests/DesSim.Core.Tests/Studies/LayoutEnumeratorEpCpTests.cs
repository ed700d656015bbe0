using DesSim.Core.Configuration;
using DesSim.Core.Hardware;
using DesSim.Core.Metrics;
using DesSim.Core.Model;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;
using DesSim.Core.Studies;

namespace DesSim.Core.Tests.Studies;

public sealed class LayoutEnumeratorEpCpTests
{
    private static Scenario Llama70b(string inputTokens) => ScenarioLoader.Read(YamlDocumentLoader.Parse($$"""
        name: long
        seed: 3
        model: llama-3.1-70b
        cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 8 }
        parallelism: { tp: 8 }
        workload:
          requests: 50
          arrival: { process: poisson, rate: 1 }
          input_tokens: {{inputTokens}}
          output_tokens: 64
        """, "s.yaml"), "s.yaml", ".");

    private static DeploymentSpec Mixtral() => new(
        ModelCatalog.TryGet("mixtral-8x7b")!, Precision.Bf16, Precision.Bf16,
        ClusterSpec.SingleNode(GpuCatalog.TryGet("h100")!, 8), new ParallelPlan(8), CostModelKind.Measured);

    [Test]
    public void MixtralOnEightH100sGetsExpertParallelLayouts()
    {
        var (feasible, rejected) = LayoutEnumerator.Enumerate(Mixtral());
        var ep = feasible.Where(p => p.Ep > 1).ToArray();
        Assert.That(ep, Does.Contain(new ParallelPlan(8, 1, 1, Ep: 8)), "one expert per GPU inside TP8");
        Assert.That(ep, Does.Contain(new ParallelPlan(2, 1, 4, Ep: 8)), "attention DP4 × TP2, experts spread over the node");
        Assert.That(ep, Does.Contain(new ParallelPlan(1, 1, 8, Ep: 8)), "TP1×DP8 fits only because EP spreads the experts");
        Assert.That(feasible, Has.None.EqualTo(new ParallelPlan(1, 1, 8)), "all of Mixtral's 93 GB on one 80 GB GPU does not fit");
        Assert.That(ep.All(p => 8 % p.Ep == 0 && p.Cp == 1 && p.GpuCount == 8));
        Assert.That(ep.All(p => p.Tp % p.Ep == 0 || (p.Ep % p.Tp == 0 && p.Dp % (p.Ep / p.Tp) == 0)), "only combinations Deployment.Create accepts");
        Assert.That(feasible.TakeWhile(p => p.Ep == 1).Count(), Is.EqualTo(feasible.Count(p => p.Ep == 1)), "the EP = 1 block comes first (stable point numbering)");
        Assert.That(rejected, Has.None.Contains("parallelism.ep").And.None.Contains("must divide tp"), "EP degrees that do not combine are not 'does not fit'");
        Assert.That(feasible, Has.None.Matches<ParallelPlan>(p => p.Cp > 1), "no CP without long prompts");
    }

    [Test]
    public void DenseModelsGetNoExpertParallelism()
    {
        var (feasible, _) = LayoutEnumerator.Enumerate(Llama70b("{ dist: fixed, value: 1024 }"));
        Assert.That(feasible.All(p => p.Ep == 1 && p.Cp == 1));
        Assert.That(feasible, Has.Count.EqualTo(LayoutEnumerator.Enumerate(Llama70b("1024").Deployment).Feasible.Count));
    }

    [Test]
    public void LongPromptsAddContextParallelLayoutsAndShortOnesDoNot()
    {
        var (longLayouts, _) = LayoutEnumerator.Enumerate(Llama70b("{ dist: fixed, value: 65536 }"));
        var cp = longLayouts.Where(p => p.Cp > 1).ToArray();
        Assert.That(cp, Does.Contain(new ParallelPlan(4, 1, 1, Cp: 2)), "TP4 × CP2 holds a 70B model on 8 GPUs");
        Assert.That(cp.All(p => p.Tp * p.Pp * p.Cp * p.Dp == 8 && p.Ep == 1));
        Assert.That(longLayouts.Where(p => p.Cp == 1), Is.Not.Empty, "the TP × PP × DP layouts stay");

        var (shortLayouts, _) = LayoutEnumerator.Enumerate(Llama70b("{ dist: lognormal, mean: 1024, sigma: 0.8, max: 8000 }"));
        Assert.That(shortLayouts, Has.None.Matches<ParallelPlan>(p => p.Cp > 1));
    }

    [TestCase("{ dist: fixed, value: 65536 }", true)]
    [TestCase("{ dist: fixed, value: 32767 }", false)]
    [TestCase("{ dist: uniform, min: 1000, max: 100000 }", true)]
    [TestCase("{ dist: uniform, min: 1000, max: 30000 }", false)]
    [TestCase("{ dist: lognormal, mean: 1024, sigma: 0.8 }", false)]
    public void LongPromptsAreDecidedByTheNinetiethPercentile(string input, bool expected)
    {
        var s = Llama70b(input);
        Assert.That(LongPromptProbe.HasLongPrompts(s.Workload, s.Seed), Is.EqualTo(expected));
    }

    [Test]
    public void ProbeIsDeterministicAndDrainsAClosedLoop()
    {
        var s = Llama70b("{ dist: uniform, min: 1000, max: 100000 }");
        int p90 = LongPromptProbe.PromptPercentileTokens(s.Workload, s.Seed);
        Assert.That(LongPromptProbe.PromptPercentileTokens(s.Workload, s.Seed), Is.EqualTo(p90));
        Assert.That(p90, Is.InRange(80_000, 100_000), "p90 of uniform 1K..100K is about 90K");
        var closed = ScenarioLoader.Read(YamlDocumentLoader.Parse("""
            name: closed
            model: llama-3.1-70b
            cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 8 }
            parallelism: { tp: 8 }
            workload:
              requests: 40
              arrival: { process: closed-loop, concurrency: 4 }
              input_tokens: 40000
              output_tokens: 16
            """, "c.yaml"), "c.yaml", ".");
        Assert.That(LongPromptProbe.PromptPercentileTokens(closed.Workload, closed.Seed), Is.EqualTo(40000));
    }

    [Test]
    public void WhyNamesTheAllToAllAndRingShares()
    {
        static PointResult Result(ParallelPlan layout, double otherShare) => new(
            layout,
            RunMetrics.All.Select(m => ReplicatedValue.Of([m.Name switch
            {
                "other_comm_share" => otherShare,
                "compute_share" => 0.8,
                _ => 0,
            }])).ToArray(),
            true,
            false,
            [],
            0);

        var ep = new ParallelPlan(8, 1, 1, Ep: 8);
        var a = new LayoutAssessment(ep, Result(ep, 0.07), Result(ep, 0.07), null, true, 1, string.Empty);
        Assert.That(PlanExplainer.Why(a, PlanObjective.Latency, "nvswitch", new SloSpec()), Does.Contain("EP8: 7% of GPU time in all-to-all"));
        var cp = new ParallelPlan(4, 1, 1, Cp: 2);
        var c = new LayoutAssessment(cp, Result(cp, 0.004), Result(cp, 0.004), null, true, 1, string.Empty);
        Assert.That(PlanExplainer.Why(c, PlanObjective.Throughput, "nvswitch", new SloSpec()), Does.Contain("CP2: <1% of GPU time in exposed ring-attention"));
        var tp = new ParallelPlan(8);
        var t = new LayoutAssessment(tp, Result(tp, 0), Result(tp, 0), null, true, 1, string.Empty);
        Assert.That(PlanExplainer.Why(t, PlanObjective.Latency, "nvswitch", new SloSpec()), Does.Not.Contain("all-to-all").And.Not.Contain("ring"));
    }
}
