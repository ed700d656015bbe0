using DesSim.Core.Configuration;
using DesSim.Core;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Parallelism;

public sealed class EpCpValidationTests
{
    private static InputException Fails(string model, ParallelPlan plan, int nodes = 1) =>
        Assert.Throws<InputException>(() => Deployment.Create(ExpertParallelTests.Spec(model, plan, nodes)))!;

    [Test]
    public void EpOnADenseModelIsRejected()
    {
        var e = Fails("llama-3.1-8b", new ParallelPlan(Tp: 2, Ep: 2));
        Assert.That(e.Location, Is.EqualTo("parallelism.ep"));
        Assert.That(e.Reason, Does.Contain("dense"));
    }

    [Test]
    public void ExpertsMustDivideByEp()
    {
        var e = Fails("mixtral-8x7b", new ParallelPlan(Tp: 1, Dp: 3, Ep: 3));
        Assert.That(e.Location, Is.EqualTo("parallelism.ep"));
        Assert.That(e.Reason, Is.EqualTo("Mixtral-8x7B has 8 experts, not divisible by ep=3"));
        Assert.That(e.Hint, Is.EqualTo("use ep in {1, 2, 4, 8}"));
    }

    [Test]
    public void EpLargerThanTpNeedsEnoughReplicas()
    {
        var e = Fails("mixtral-8x7b", new ParallelPlan(Tp: 2, Dp: 2, Ep: 8));
        Assert.That(e.Location, Is.EqualTo("parallelism.ep"));
        Assert.That(e.Reason, Does.Contain("spans 4 data-parallel replicas, but dp=2"));
    }

    [Test]
    public void EpAndCpTogetherAreRejected()
    {
        var e = Fails("mixtral-8x7b", new ParallelPlan(Tp: 2, Ep: 2, Cp: 2));
        Assert.That(e.Location, Is.EqualTo("parallelism.cp"));
    }

    [Test]
    public void GpuCountIncludesCp()
    {
        var e = Fails("llama-3.1-8b", new ParallelPlan(Tp: 4, Cp: 4));
        Assert.That(e.Reason, Does.Contain("needs 16 GPUs (tp 4 × pp 1 × cp 4 × dp 1"));
    }

    [TestCase(8, 1, 8)]
    [TestCase(8, 1, 4)]
    [TestCase(2, 4, 8)]
    [TestCase(4, 2, 8)]
    [TestCase(1, 8, 8)]
    public void ValidEpLayoutsAreAccepted(int tp, int dp, int ep)
    {
        var d = Deployment.Create(ExpertParallelTests.Spec("mixtral-8x7b", new ParallelPlan(Tp: tp, Dp: dp, Ep: ep)));
        Assert.That(d.ExpertCost, Is.Not.Null);
        Assert.That(d.Plan.GpuCount, Is.EqualTo(8));
    }

    [Test]
    public void RoutingYamlIsValidatedWithKeyPaths()
    {
        static DeploymentSpec Read(string yaml) => DeploymentSpecReader.Read(YamlDocumentLoader.Parse(yaml, "s.yaml"));
        const string Head = "model: mixtral-8x7b\ncluster: {gpu: h100}\nparallelism: {tp: 8, ep: 8}\n";
        Assert.That(Read(Head + "expert_routing: {dist: zipf, exponent: 1.1}\n").ExpertRouting, Is.EqualTo(new ExpertRoutingSpec(ExpertRoutingKind.Zipf, 1.1)));
        var missing = Assert.Throws<InputException>(() => Read(Head + "expert_routing: {dist: zipf}\n"))!;
        Assert.That(missing.Location, Does.Contain("expert_routing.exponent"));
        var unknown = Assert.Throws<InputException>(() => Read(Head + "expert_routing: {dist: uniform, skew: 2}\n"))!;
        Assert.That(unknown.Location, Does.Contain("expert_routing.skew"));
        var count = Read(Head + "expert_routing: {dist: popularity, popularity: [1, 2, 3]}\n");
        var e = Assert.Throws<InputException>(() => Deployment.Create(count))!;
        Assert.That(e.Location, Is.EqualTo("expert_routing.popularity"));
    }
}
