using DesSim.Core.Configuration;
using DesSim.Core;
using DesSim.Core.Hardware;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Parallelism;

public sealed class DeploymentSpecReaderTests
{
    private static DeploymentSpec Read(string yaml) => DeploymentSpecReader.Read(YamlDocumentLoader.Parse(yaml, "s.yaml"));

    [Test]
    public void ReadsACatalogDeploymentWithDefaults()
    {
        var spec = Read("""
            model: llama-3.1-70b
            cluster: {gpu: h100, nodes: 1, gpus_per_node: 8}
            parallelism: {tp: 4, dp: 2}
            scheduler: {block_size: 32, gpu_memory_utilization: 0.85, max_num_seqs: 256}
            """);
        Assert.That(spec.Model.Name, Is.EqualTo("Llama-3.1-70B"));
        Assert.That(spec.WeightPrecision, Is.EqualTo(Precision.Bf16));
        Assert.That(spec.KvPrecision, Is.EqualTo(Precision.Bf16));
        Assert.That(spec.Plan, Is.EqualTo(new ParallelPlan(4, 1, 2)));
        Assert.That(spec.Cluster.IntraNode, Is.EqualTo(IntraNodeFabric.NvSwitch));
        Assert.That(spec.CostModel, Is.EqualTo(CostModelKind.Measured));
        Assert.That(spec.LinkFidelity, Is.EqualTo(LinkFidelity.ClosedForm));
        Assert.That(spec.BlockSizeTokens, Is.EqualTo(32));
        Assert.That(spec.GpuMemoryUtilization, Is.EqualTo(0.85));
    }

    [Test]
    public void Fp8WeightsKeepA16BitKvCacheUnlessAsked()
    {
        Assert.That(Read("model: llama-3.1-8b\nprecision: fp8\ncluster: {gpu: h100}\n").KvPrecision, Is.EqualTo(Precision.Bf16));
        Assert.That(Read("model: llama-3.1-8b\nprecision: fp8\nkv_cache_dtype: fp8\ncluster: {gpu: h100}\n").KvPrecision, Is.EqualTo(Precision.Fp8));
    }

    [Test]
    public void ReadsInlineModelAndGpuWithHuggingFaceFieldNames()
    {
        var spec = Read("""
            model:
              name: tiny
              num_hidden_layers: 4
              hidden_size: 1024
              num_attention_heads: 16
              num_key_value_heads: 4
              intermediate_size: 4096
              vocab_size: 32000
              tie_word_embeddings: true
            cluster:
              gpu: {name: my-gpu, bf16_tflops: 100, memory_gb: 24, memory_bandwidth_tbps: 1, fabric: pcie, host_link_gbps: 25}
              gpus_per_node: 4
              inter_node: {bandwidth_gbps: 200, latency_us: 2}
            cost_model: roofline
            link_model: link-level
            stage_layers: [3, 1]
            parallelism: {pp: 2}
            """);
        Assert.That(spec.Model.HeadDim, Is.EqualTo(64));
        Assert.That(spec.Model.TieWordEmbeddings, Is.True);
        Assert.That(spec.Cluster.Gpu.MemoryBytes, Is.EqualTo(24_000_000_000));
        Assert.That(spec.Cluster.IntraNode, Is.EqualTo(IntraNodeFabric.Pcie));
        Assert.That(spec.Cluster.InterNode.Bandwidth.Value, Is.EqualTo(25e9));
        Assert.That(spec.StageLayers, Is.EqualTo(new[] { 3, 1 }));
        Assert.That(spec.LinkFidelity, Is.EqualTo(LinkFidelity.LinkLevel));
        Assert.That(Deployment.Create(spec).Stages, Has.Count.EqualTo(2));
    }

    [Test]
    public void UnknownKeyInClusterNamesFileLineAndSuggestion()
    {
        var e = Assert.Throws<InputException>(() => Read("model: llama-3.1-8b\ncluster:\n  gpu: h100\n  gpus_per_nod: 8\n"))!;
        Assert.That(e.Message, Does.StartWith("s.yaml:4: cluster.gpus_per_nod").And.Contain("did you mean 'cluster.gpus_per_node'"));
    }

    [Test]
    public void UnknownModelAndGpuSuggestNames()
    {
        var e = Assert.Throws<InputException>(() => Read("model: llama-3.1-71b\ncluster: {gpu: h100}\n"))!;
        Assert.That(e.Message, Does.Contain("s.yaml:1: model").And.Contain("did you mean 'Llama-3.1-70B'"));
        var g = Assert.Throws<InputException>(() => Read("model: llama-3.1-8b\ncluster: {gpu: h1000}\n"))!;
        Assert.That(g.Message, Does.Contain("cluster.gpu").And.Contain("unknown GPU 'h1000'"));
    }

    [Test]
    public void LayoutErrorsFromASceneNameTheFileAndKey()
    {
        var root = YamlDocumentLoader.Parse("model: llama-3.1-405b\ncluster: {gpu: h100}\nparallelism:\n  tp: 4\n", "big.yaml");
        var e = Assert.Throws<InputException>(() => DeploymentPlan.Create(DeploymentSpecReader.Read(root), root))!;
        Assert.That(e.Message, Does.StartWith("big.yaml:4: memory: Llama-3.1-405B bf16 weights need 812 GB"));
    }

    [Test]
    public void SchedulerKeysAreReadFromTheCallersSectionWithoutRejectingOthers()
    {
        var root = YamlDocumentLoader.Parse("model: llama-3.1-8b\ncluster: {gpu: h100}\nscheduler: {block_size: 8, max_num_seqs: 64}\n", "s.yaml");
        var scheduler = root.GetSection("scheduler")!;
        var spec = DeploymentSpecReader.Read(root, scheduler);
        Assert.That(spec.BlockSizeTokens, Is.EqualTo(8));
        scheduler.GetInt("max_num_seqs");
        Assert.DoesNotThrow(scheduler.RejectUnknownKeys);
    }

    [Test]
    public void MixtralDeploysWithAnMoeNoteAndPricesExperts()
    {
        var spec = Read("model: mixtral-8x7b\ncluster: {gpu: h100}\nparallelism: {tp: 2}\ncost_model: roofline\n");
        var d = Deployment.Create(spec);
        Assert.That(d.Notes, Has.Some.Contains("MoE"));
        var batch = new DesSim.Core.Cost.BatchShape();
        batch.AddPrefill(1024, 0);
        Assert.That(d.CostModel.Price(batch, 0).ComputeSeconds, Is.GreaterThan(0));
    }
}
