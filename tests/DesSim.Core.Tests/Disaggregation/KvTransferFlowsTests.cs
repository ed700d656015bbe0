using DesSim.Core.Execution;

namespace DesSim.Core.Tests.Disaggregation;

public sealed class KvTransferFlowsTests
{
    // Llama-3.1-70B: 80 layers, 8 KV heads of 128 dims, BF16: 2 · 128 · 2 = 512 bytes per layer, head and token.
    private const int Layers = 80;
    private const int KvHeads = 8;
    private const long PerHead = 2 * 128 * 2;

    [Test]
    public void SameLayoutsSendEachRankItsOwnHeads()
    {
        var f = new KvTransferFlows(KvHeads, PerHead, [Layers], 4, [Layers], 4);
        Assert.That(f.BytesPerToken, Is.EqualTo(Layers * KvHeads * PerHead));
        Assert.That(f.Flows, Has.Count.EqualTo(4));
        Assert.That(f.Flows.All(x => x.PrefillRank == x.DecodeRank && x.BytesPerToken == Layers * 2 * PerHead), Is.True);
    }

    [Test]
    public void Tp2ToTp4SplitsEachPrefillRanksHeadsOverTwoDecodeRanks()
    {
        var f = new KvTransferFlows(KvHeads, PerHead, [Layers], 2, [Layers], 4);
        Assert.That(f.BytesPerToken, Is.EqualTo(327_680), "80 × 8 × 512: every byte once");
        Assert.That(f.Flows.Select(x => (x.PrefillRank, x.DecodeRank)), Is.EqualTo(new[] { (0, 0), (0, 1), (1, 2), (1, 3) }));
    }

    [Test]
    public void Tp4ToTp2GathersTwoPrefillRanksPerDecodeRank()
    {
        var f = new KvTransferFlows(KvHeads, PerHead, [Layers], 4, [Layers], 2);
        Assert.That(f.BytesPerToken, Is.EqualTo(327_680));
        Assert.That(f.Flows.Select(x => (x.PrefillRank, x.DecodeRank)), Is.EqualTo(new[] { (0, 0), (1, 0), (2, 1), (3, 1) }));
    }

    [Test]
    public void DecodeTpAboveTheKvHeadsReceivesEveryReplicatedHead()
    {
        // tp 16 > 8 heads: each head lives on 2 decode ranks, so each is sent twice.
        var f = new KvTransferFlows(KvHeads, PerHead, [Layers], 8, [Layers], 16);
        Assert.That(f.BytesPerToken, Is.EqualTo(2 * 327_680));
        Assert.That(f.Flows, Has.Count.EqualTo(16));
    }

    [Test]
    public void PrefillTpAboveTheKvHeadsSpreadsTheReadsOverTheReplicas()
    {
        var f = new KvTransferFlows(KvHeads, PerHead, [Layers], 16, [Layers], 16);
        Assert.That(f.BytesPerToken, Is.EqualTo(2 * 327_680));
        Assert.That(f.Flows.Select(x => x.PrefillRank).Distinct().Count(), Is.EqualTo(16), "each decode rank reads its own replica");
    }

    [Test]
    public void PipelineStagesSplitTheLayersAndMarkEachStagesLastLayer()
    {
        // Prefill pp 2 (layers 0-39 | 40-79) to decode pp 1, tp 1 both sides.
        var f = new KvTransferFlows(KvHeads, PerHead, [40, 40], 1, [Layers], 1);
        Assert.That(f.Flows, Has.Count.EqualTo(2));
        Assert.That(f.Flows.All(x => x.LastLayerBytesPerToken == KvHeads * PerHead && x.StreamedBytesPerToken == 39 * KvHeads * PerHead), Is.True);

        // Decode pp 2 with a different split (30 | 50): stage 0 of prefill feeds both decode stages; its last layer (39) goes to decode stage 1.
        var g = new KvTransferFlows(KvHeads, PerHead, [40, 40], 1, [30, 50], 1);
        Assert.That(g.BytesPerToken, Is.EqualTo(Layers * KvHeads * PerHead));
        var toFirst = g.Flows.Single(x => x.PrefillStage == 0 && x.DecodeStage == 0);
        Assert.That(toFirst.BytesPerToken, Is.EqualTo(30 * KvHeads * PerHead));
        Assert.That(toFirst.LastLayerBytesPerToken, Is.Zero);
        Assert.That(g.Flows.Single(x => x.PrefillStage == 0 && x.DecodeStage == 1).LastLayerBytesPerToken, Is.EqualTo(KvHeads * PerHead));
    }
}
