using DesSim.Core.Configuration;
using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;
using DesSim.Core.Studies;

namespace DesSim.Core.Tests.Studies;

public sealed class SweepGridTests
{
    private static SweepGrid Read(string text) => SweepGridReader.Read(YamlDocumentLoader.Parse(text, "grid.yaml"));

    [Test]
    public void ReadsLayoutsAxesSeedsAndReplications()
    {
        var g = Read("""
            layouts: [{ tp: 4, pp: 2 }, { tp: 8, pp: 1, dp: 1 }, { tp: 2, dp: 4, ep: 8 }, { tp: 4, cp: 2 }]
            axes:
              workload.arrival.rate: [1, 2.5]
              scheduler: [{ policy: sarathi }, { policy: vllm }]
            seeds: [1, 2, 3]
            replications: 2
            """);
        Assert.That(g.AllLayouts, Is.False);
        Assert.That(g.Layouts, Is.EqualTo(new[] { new ParallelPlan(4, 2, 0, 0, 0), new ParallelPlan(8, 1, 1, 0, 0), new ParallelPlan(2, 1, 4, 8, 0), new ParallelPlan(4, 1, 0, 0, 2) }), "absent dp, ep, cp read as 0 (filled in by the expander)");
        Assert.That(g.Axes.Select(a => a.KeyPath), Is.EqualTo(new[] { "workload.arrival.rate", "scheduler", "seed" }));
        Assert.That(g.Axes[1].Labels, Is.EqualTo(new[] { "{policy: sarathi}", "{policy: vllm}" }));
        Assert.That(g.Replications, Is.EqualTo(2));
    }

    [TestCase("layuots: all", "did you mean 'layouts'")]
    [TestCase("layouts: some", "expected 'all'")]
    [TestCase("axes: { parallelism.tp: [1, 2] }", "its own grid key")]
    [TestCase("axes: { parallelism.ep: [1, 8] }", "its own grid key")]
    [TestCase("layouts: [{ tp: 4, cp: 0 }]", "layouts[0].cp")]
    [TestCase("axes: { workload.arrival.rate: 4 }", "non-empty list")]
    [TestCase("axes: { workload.arrival.rate: [] }", "non-empty list")]
    [TestCase("replications: 0", "replications")]
    [TestCase("layouts: [{ tp: 4, ppp: 2 }]", "layouts[0].ppp")]
    public void BadGridsNameTheKey(string text, string expected)
    {
        Assert.That(() => Read(text), Throws.InstanceOf<InputException>().With.Message.Contains(expected).And.Message.Contains("grid.yaml"));
    }

    [Test]
    public void Llama70bOnEightH100sDropsLayoutsThatDoNotFit()
    {
        var spec = new DeploymentSpec(
            ModelCatalog.TryGet("llama-3.1-70b")!, Precision.Bf16, Precision.Bf16,
            ClusterSpec.SingleNode(GpuCatalog.TryGet("h100")!, 8), new ParallelPlan(8), CostModelKind.Measured);
        var (feasible, rejected) = LayoutEnumerator.Enumerate(spec);
        Assert.That(feasible[0], Is.EqualTo(new ParallelPlan(8, 1, 1)), "TP-heavy first");
        Assert.That(feasible, Has.None.EqualTo(new ParallelPlan(1, 1, 8)), "141 GB of weights do not fit one 80 GB GPU");
        Assert.That(rejected, Has.Some.StartsWith("TP1xPP1xDP8"));
        Assert.That(feasible.Concat(rejected.Select(_ => new ParallelPlan())).Count(), Is.EqualTo(10), "8 GPUs have 10 TP×PP×DP factorizations");
        Assert.That(feasible.All(p => p.GpuCount == 8));
    }
}
