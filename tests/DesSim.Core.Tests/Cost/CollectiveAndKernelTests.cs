using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Model;

namespace DesSim.Core.Tests.Cost;

public sealed class CollectiveAndKernelTests
{
    [Test]
    public void TpAllReduceBytesPerLayerForA1024TokenPrefillOfLlama70B()
    {
        var m = ModelCatalog.Get("Llama-3.1-70B");
        Assert.That(LayerKernels.TpAllReduceBytesPerLayer(m.HiddenSize, 1024), Is.EqualTo(2L * 1024 * 8192 * 2));
    }

    [Test]
    public void RingAllReduceMatchesTheClosedForm()
    {
        // 2(t−1)·α + 2(t−1)/t · S/B with t = 8, S = 32 MiB, B = 450 GB/s, α = 1.1 µs.
        const long S = 32L << 20;
        double expected = (2 * 7 * 1.1e-6) + (2.0 * 7 / 8 * S / 450e9);
        Assert.That(CollectiveCost.RingAllReduceSeconds(S, 8, 450e9, 1.1e-6), Is.EqualTo(expected).Within(1e-15));
        var model = new TpCollectiveModel(8, DesSim.Core.Units.BytesPerSecond.FromGigabytesPerSecond(450), 1.1e-6, null, new RunNotes());
        Assert.That(model.AllReduceSeconds(S), Is.EqualTo(expected).Within(1e-15));
        Assert.That(CollectiveCost.RingAllReduceSeconds(S, 1, 450e9, 1.1e-6), Is.Zero);
    }

    [Test]
    public void OtherCollectivesFollowTheirClosedForms()
    {
        Assert.That(CollectiveCost.RingAllGatherSeconds(1000, 4, 1000, 0.5), Is.EqualTo((3 * 0.5) + 0.75).Within(1e-12));
        Assert.That(CollectiveCost.RingReduceScatterSeconds(1000, 4, 1000, 0.5), Is.EqualTo((3 * 0.5) + 0.75).Within(1e-12));
        Assert.That(CollectiveCost.AllToAllSeconds(800, 8, 100, 0), Is.EqualTo(7.0).Within(1e-12));
        Assert.That(CollectiveCost.SendRecvSeconds(1000, 100, 1), Is.EqualTo(11).Within(1e-12));
    }

    [Test]
    public void LayerKernelsCountFlopsAndBytesByHand()
    {
        // Llama-3.1-8B at TP1, one 512-token prefill on an empty cache.
        var m = ModelCatalog.Get("Llama-3.1-8B");
        var shard = new LayerShard(m, 1, Precision.Bf16, Precision.Bf16);
        var batch = new BatchShape();
        batch.AddPrefill(512, 0);
        var kernels = new Kernel[LayerKernels.MaxKernelsPerLayer];
        int n = LayerKernels.BuildLayer(shard, BatchAggregates.From(batch), kernels);
        var byName = kernels.Take(n).ToDictionary(k => k.Name);
        Assert.That(byName["qkv_proj"].Flops, Is.EqualTo(2.0 * 512 * 6144 * 4096));
        Assert.That(byName["qkv_proj"].N, Is.EqualTo(6144));
        Assert.That(byName["gate_up_proj"].Flops, Is.EqualTo(2.0 * 512 * 28672 * 4096));
        Assert.That(byName["down_proj"].K, Is.EqualTo(14336));
        // Causal attention: 4 · heads · head_dim · n · (c + n/2) = 4 · 32 · 128 · 512 · 256.
        Assert.That(byName["attention_prefill"].Flops, Is.EqualTo(4.0 * 32 * 128 * 512 * 256));
        Assert.That(byName.ContainsKey("attention_decode"), Is.False);
    }

    [Test]
    public void DecodeAttentionReadsTheWholeKvCache()
    {
        var m = ModelCatalog.Get("Llama-3.1-70B");
        var shard = new LayerShard(m, 4, Precision.Bf16, Precision.Bf16);
        var batch = new BatchShape();
        batch.AddDecode(999);
        batch.AddDecode(1999);
        var kernels = new Kernel[LayerKernels.MaxKernelsPerLayer];
        int n = LayerKernels.BuildLayer(shard, BatchAggregates.From(batch), kernels);
        var attn = kernels.Take(n).Single(k => k.Kind == KernelKind.AttentionDecode);
        // 3000 keys × 2 (K,V) × 2 KV heads per rank × 128 × 2 bytes, plus q in / out.
        Assert.That(attn.Bytes, Is.EqualTo((3000.0 * 2 * 2 * 128 * 2) + (2 * 16 * 128 * 2 * 2)));
    }
}
