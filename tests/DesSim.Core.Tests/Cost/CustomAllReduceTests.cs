using DesSim.Core.Configuration;
using DesSim.Core.Cost;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Cost;

public sealed class CustomAllReduceTests
{
    private static TpCollectiveModel Model(int tp, AllReduceImplementation impl) =>
        new TpCollectiveModel(tp, DesSim.Core.Units.BytesPerSecond.FromGigabytesPerSecond(450), CollectiveLatencies.NvLinkStepSeconds, MeasuredProfiles.Nccl("h100_sxm"), new RunNotes())
            .WithImplementation(impl, MeasuredProfiles.CustomAllReduce("h100_sxm"), fullNvLink: true);

    [Test]
    public void SizeLimitsComeFromEachEngine()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CustomAllReduce.Applies(AllReduceImplementation.VllmCustom, 8, CustomAllReduce.VllmMaxBytes - 16, true), Is.True);
            Assert.That(CustomAllReduce.Applies(AllReduceImplementation.VllmCustom, 8, CustomAllReduce.VllmMaxBytes, true), Is.False, "strictly below max_size");
            Assert.That(CustomAllReduce.Applies(AllReduceImplementation.SglangCustom, 3, 1024, true), Is.False, "world size 3 is not supported");
            Assert.That(CustomAllReduce.Applies(AllReduceImplementation.TrtllmAuto, 8, 32L << 20, true), Is.True);
            Assert.That(CustomAllReduce.Applies(AllReduceImplementation.TrtllmAuto, 8, 128L << 20, true), Is.False);
            Assert.That(CustomAllReduce.Applies(AllReduceImplementation.VllmCustom, 4, 1024, fullNvLink: false), Is.False, "off NVLink");
            Assert.That(CustomAllReduce.Applies(AllReduceImplementation.Nccl, 8, 1024, true), Is.False);
        });
    }

    [Test]
    public void DecodeSizedAllReduceIsPricedFromTheCustomTableAndBeatsNccl()
    {
        // A decode-sized message (16 KiB = 8 tokens x 1024 bf16): Cost/Data rows at 8 GPUs, custom 0.00355872 ms vs NCCL 0.016635 ms.
        var vllm = Model(8, AllReduceImplementation.VllmCustom);
        var nccl = new TpCollectiveModel(8, DesSim.Core.Units.BytesPerSecond.FromGigabytesPerSecond(450), CollectiveLatencies.NvLinkStepSeconds, MeasuredProfiles.Nccl("h100_sxm"), new RunNotes());
        Assert.That(vllm.AllReduceSeconds(16384) * 1e3, Is.EqualTo(0.00355872).Within(1e-7));
        Assert.That(nccl.AllReduceSeconds(16384) * 1e3, Is.EqualTo(0.016635).Within(1e-6));
        Assert.That(vllm.UsesCustomKernel(16384), Is.True);
    }

    [Test]
    public void BeyondTheEngineLimitItFallsBackToNccl()
    {
        var vllm = Model(8, AllReduceImplementation.VllmCustom);
        var nccl = new TpCollectiveModel(8, DesSim.Core.Units.BytesPerSecond.FromGigabytesPerSecond(450), CollectiveLatencies.NvLinkStepSeconds, MeasuredProfiles.Nccl("h100_sxm"), new RunNotes());
        long big = 16L << 20; // 16 MiB: above vLLM's 8 MiB, below TensorRT-LLM's 64 MiB workspace
        Assert.That(vllm.UsesCustomKernel(big), Is.False);
        Assert.That(vllm.AllReduceSeconds(big), Is.EqualTo(nccl.AllReduceSeconds(big)));
        var trt = Model(8, AllReduceImplementation.TrtllmAuto);
        Assert.That(trt.UsesCustomKernel(big), Is.True);
        Assert.That(trt.AllReduceSeconds(big) * 1e3, Is.EqualTo(0.122325).Within(1e-6));
    }

    [Test]
    public void EnginePresetSelectsItsAllReduceInTheDeployment()
    {
        static string Yaml(string engine) => $$"""
            name: ar
            model: llama-3.1-8b
            cluster: { gpu: h100, nodes: 1, gpus_per_node: 8 }
            parallelism: { tp: 4 }
            engine: {{engine}}
            workload: { requests: 1, arrival: { process: burst }, input_tokens: 16, output_tokens: 2 }
            """;
        Scenario Load(string e) => ScenarioLoader.Read(YamlDocumentLoader.Parse(Yaml(e), "ar.yaml"), "ar.yaml", Path.GetTempPath());
        var vllm = DesSim.Core.Parallelism.Deployment.Create(Load("vllm").Deployment);
        var none = DesSim.Core.Parallelism.Deployment.Create(Load("none").Deployment);
        Assert.That(vllm.Collective.Implementation, Is.EqualTo(AllReduceImplementation.VllmCustom));
        Assert.That(none.Collective.Implementation, Is.EqualTo(AllReduceImplementation.Nccl));
        Assert.That(vllm.Collective.AllReduceSeconds(16384), Is.LessThan(none.Collective.AllReduceSeconds(16384) / 2));
    }
}
