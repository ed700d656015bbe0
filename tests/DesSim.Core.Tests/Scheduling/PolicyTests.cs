using DesSim.Core.Scheduling;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.Scheduling;

public sealed class PolicyTests
{
    private static SchedulerState State(BatchPolicyKind policy, long kvBlocks = 1000, int maxSeqs = 256, int maxTokens = 8192, int slots = 1) =>
        new(new SchedulerConfig(policy, maxSeqs, maxTokens), new KvCache(kvBlocks, 16), slots);

    private static Sequence Enqueue(SchedulerState state, long id, int input, int output)
    {
        var s = new Sequence(new RequestSpec(id, SimTime.Zero, input, output), 0, SimTime.Zero);
        state.Waiting.PushBack(s);
        return s;
    }

    private static void Complete(BatchPlan plan)
    {
        foreach (var item in plan.Items)
        {
            item.Sequence.InFlight = false;
            item.Sequence.ContextTokens += item.NewTokens;
            if (!item.Sequence.IsPrefilling)
            {
                item.Sequence.GeneratedTokens++;
            }
        }
    }

    [Test]
    public void VllmRunsWaitingPrefillsBeforeDecodes()
    {
        var state = State(BatchPolicyKind.Vllm);
        var plan = new BatchPlan();
        var a = Enqueue(state, 0, 100, 10);
        new VllmPolicy().Plan(state, plan);
        Assert.That(plan.Items.Single(), Is.EqualTo(new BatchItem(a, 100, 0, true)));
        Complete(plan);
        var b = Enqueue(state, 1, 50, 10);
        new VllmPolicy().Plan(state, plan);
        Assert.That(plan.Items.Single().Sequence, Is.SameAs(b), "a waiting prefill goes before decodes");
        Complete(plan);
        new VllmPolicy().Plan(state, plan);
        Assert.That(plan.Items.Select(i => (i.Sequence.Id, i.NewTokens, i.IsPrefill)), Is.EqualTo(new[] { (0L, 1, false), (1L, 1, false) }));
        Assert.That(plan.Shape.DecodeSequences, Is.EqualTo(2));
        Assert.That(plan.Shape.DecodeContextTokens, Is.EqualTo(150));
    }

    [Test]
    public void VllmRespectsTheTokenBudgetAndSeqLimitFcfs()
    {
        var state = State(BatchPolicyKind.Vllm, maxSeqs: 2, maxTokens: 300);
        var plan = new BatchPlan();
        Enqueue(state, 0, 200, 5);
        Enqueue(state, 1, 200, 5);
        new VllmPolicy().Plan(state, plan);
        Assert.That(plan.Items, Has.Count.EqualTo(1), "second prompt would exceed 300 tokens");
        var big = State(BatchPolicyKind.Vllm, maxTokens: 100);
        Enqueue(big, 0, 500, 5);
        new VllmPolicy().Plan(big, plan);
        Assert.That(plan.Items.Single().NewTokens, Is.EqualTo(500), "a lone prompt longer than the budget still runs");
    }

    [Test]
    public void VllmAdmitsOnlyWhatTheKvCacheHolds()
    {
        var state = State(BatchPolicyKind.Vllm, kvBlocks: 10);
        var plan = new BatchPlan();
        Enqueue(state, 0, 100, 5); // 7 blocks
        Enqueue(state, 1, 100, 5); // 7 more: does not fit
        new VllmPolicy().Plan(state, plan);
        Assert.That(plan.Items, Has.Count.EqualTo(1));
        Assert.That(state.Kv.UsedBlocks, Is.EqualTo(7));
        Assert.That(state.Waiting.Count, Is.EqualTo(1));
    }

    [Test]
    public void DecodeOutOfBlocksPreemptsTheNewest()
    {
        var state = State(BatchPolicyKind.Vllm, kvBlocks: 4);
        var plan = new BatchPlan();
        var a = Enqueue(state, 0, 32, 50); // 2 blocks
        var b = Enqueue(state, 1, 32, 50); // 2 blocks
        new VllmPolicy().Plan(state, plan);
        Complete(plan); // both at 32 cached tokens, 4/4 blocks used
        new VllmPolicy().Plan(state, plan);
        Assert.That(plan.Preempted, Is.EqualTo(new[] { b }));
        Assert.That(plan.Items.Single().Sequence, Is.SameAs(a));
        Assert.That(b.Status, Is.EqualTo(SequenceStatus.Waiting));
        Assert.That(b.ContextTokens, Is.Zero);
        Assert.That(state.Waiting.PeekFront(), Is.SameAs(b));
        Assert.That(state.PreemptionCount, Is.EqualTo(1));
        Complete(plan);
        // b re-admission recomputes prompt + generated tokens.
        Assert.That(b.GeneratedTokens, Is.EqualTo(1));
    }

    [Test]
    public void SarathiFillsTheBudgetWithDecodesThenChunks()
    {
        var state = State(BatchPolicyKind.Sarathi, maxTokens: 256);
        var plan = new BatchPlan();
        var d = Enqueue(state, 0, 10, 50);
        new SarathiPolicy().Plan(state, plan);
        Complete(plan);
        var p = Enqueue(state, 1, 1000, 5);
        new SarathiPolicy().Plan(state, plan);
        Assert.That(plan.Items.Select(i => (i.Sequence.Id, i.NewTokens, i.IsPrefill)), Is.EqualTo(new[] { (0L, 1, false), (1L, 255, true) }));
        Complete(plan);
        new SarathiPolicy().Plan(state, plan);
        Assert.That(plan.Items.Select(i => (i.Sequence.Id, i.NewTokens, i.CachedTokens)), Is.EqualTo(new[] { (0L, 1, 11), (1L, 255, 255) }));
        Assert.That(p.IsPrefilling, Is.True);
        Assert.That(d.GeneratedTokens, Is.EqualTo(2));
    }

    [Test]
    public void StaticAdmitsABatchAndWaitsForItToFinish()
    {
        var state = State(BatchPolicyKind.Static, maxSeqs: 2);
        var plan = new BatchPlan();
        Enqueue(state, 0, 10, 1);
        Enqueue(state, 1, 10, 3);
        Enqueue(state, 2, 10, 3);
        new StaticPolicy().Plan(state, plan);
        Assert.That(plan.Items.Select(i => i.Sequence.Id), Is.EqualTo(new long[] { 0, 1 }));
        Complete(plan);
        state.Finish(state.Running[0]);
        new StaticPolicy().Plan(state, plan);
        Assert.That(plan.Items.Select(i => i.Sequence.Id), Is.EqualTo(new long[] { 1 }), "request 2 waits for the batch");
        Assert.That(state.Waiting.Count, Is.EqualTo(1));
    }

    [Test]
    public void RoutersSpreadLoad()
    {
        var up = new[] { true, true, true };
        var rr = new Router(RouterKind.RoundRobin);
        Assert.That(Enumerable.Range(0, 6).Select(_ => rr.Pick([0, 0, 0], [0, 0, 0], up)), Is.EqualTo(new[] { 0, 1, 2, 0, 1, 2 }));
        var lo = new Router(RouterKind.LeastOutstanding);
        Assert.That(lo.Pick([3, 1, 2], [0, 0, 0], up), Is.EqualTo(1));
        Assert.That(lo.Pick([3, 1, 2], [0, 0, 0], [true, false, true]), Is.EqualTo(2));
        var p2 = new Router(RouterKind.PowerOfTwo, new RandomStream(1));
        var counts = new int[3];
        for (int i = 0; i < 3000; i++)
        {
            counts[p2.Pick([0, 0, 0], [100, 0, 100], up)]++;
        }

        Assert.That(counts[1], Is.GreaterThan(counts[0] + counts[2]), "the lightly loaded replica wins most pairs");
        Assert.That(rr.Pick([0, 0, 0], [0, 0, 0], [false, false, false]), Is.EqualTo(-1));
    }
}
