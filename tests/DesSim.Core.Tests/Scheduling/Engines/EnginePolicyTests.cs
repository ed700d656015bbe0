using DesSim.Core.Scheduling;
using DesSim.Core.Scheduling.Engines;
using DesSim.Core.Scheduling.Engines.Sglang;
using DesSim.Core.Scheduling.Engines.Trtllm;
using DesSim.Core.Scheduling.Engines.Vllm;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.Scheduling.Engines;

/// <summary>Each engine's batch formation on small cases that can be checked by hand against the engine's source.</summary>
public sealed class EnginePolicyTests
{
    private static SchedulerState State(SchedulerConfig cfg, long kvBlocks, int blockSize) => new(cfg, new KvCache(kvBlocks, blockSize), 1);

    private static Sequence Enqueue(SchedulerState state, long id, int input, int output)
    {
        var s = new Sequence(new RequestSpec(id, SimTime.Zero, input, output), 0, SimTime.Zero);
        state.Waiting.PushBack(s);
        return s;
    }

    // What ReplicaEngine does when a micro-batch completes: cache the new tokens, emit one if the prefill is done, finish.
    private static void Complete(SchedulerState state, BatchPlan plan)
    {
        foreach (var item in plan.Items)
        {
            var s = item.Sequence;
            s.InFlight = false;
            s.ContextTokens += item.NewTokens;
            if (!s.IsPrefilling)
            {
                s.GeneratedTokens++;
                if (s.IsDone)
                {
                    state.Finish(s);
                }
            }
        }
    }

    private static (long Id, int Tokens, bool Prefill)[] Items(BatchPlan plan) => plan.Items.Select(i => (i.Sequence.Id, i.NewTokens, i.IsPrefill)).ToArray();

    [Test]
    public void VllmV1SpendsTheBudgetOnRunningFirstThenChunksWaitingPrompts()
    {
        // Budget 1000, three 600-token prompts: step 1 takes all of A and the first 400 of B; C waits.
        var state = State(new SchedulerConfig(BatchPolicyKind.VllmV1, 256, 1000), 1000, 16);
        var policy = new VllmV1Policy();
        var plan = new BatchPlan();
        Enqueue(state, 0, 600, 4);
        Enqueue(state, 1, 600, 4);
        Enqueue(state, 2, 600, 4);
        policy.Plan(state, plan);
        Assert.That(Items(plan), Is.EqualTo(new[] { (0L, 600, true), (1L, 400, true) }));
        Complete(state, plan);

        // Step 2, running first: A decodes (1), B finishes its prompt (200), then C gets the 799 left... capped by its 600.
        policy.Plan(state, plan);
        Assert.That(Items(plan), Is.EqualTo(new[] { (0L, 1, false), (1L, 200, true), (2L, 600, true) }));
    }

    [Test]
    public void VllmV1AtTheH100DefaultBudgetChunksTheSecondLongPromptByTheRunningDecodes()
    {
        // vLLM 0.12 on an H100 (server): 8,192 tokens per step. Three requests decode; three 4,096-token prompts wait.
        // Running first: 3 decode tokens, then prompt D whole (4,096) and E's first 4,093 tokens; F waits for the next step.
        var state = State(new SchedulerConfig(BatchPolicyKind.VllmV1, 1024, 8192), 10_000, 16);
        var policy = new VllmV1Policy();
        var plan = new BatchPlan();
        for (int id = 0; id < 3; id++)
        {
            Enqueue(state, id, 16, 100);
        }

        policy.Plan(state, plan);
        Complete(state, plan);
        for (int id = 3; id < 6; id++)
        {
            Enqueue(state, id, 4096, 8);
        }

        policy.Plan(state, plan);
        Assert.That(Items(plan), Is.EqualTo(new[] { (0L, 1, false), (1L, 1, false), (2L, 1, false), (3L, 4096, true), (4L, 4093, true) }));
        Complete(state, plan);

        // Next step: the decodes (now 4, D emitted its first token), E's last 3 tokens, then F whole.
        policy.Plan(state, plan);
        Assert.That(Items(plan), Is.EqualTo(new[] { (0L, 1, false), (1L, 1, false), (2L, 1, false), (3L, 1, false), (4L, 3, true), (5L, 4096, true) }));
    }

    [Test]
    public void VllmV1LongPrefillThresholdCapsEachRequestsChunk()
    {
        var cfg = new SchedulerConfig(BatchPolicyKind.VllmV1, 256, 1000) { LongPrefillTokenThreshold = 256 };
        var state = State(cfg, 1000, 16);
        var plan = new BatchPlan();
        Enqueue(state, 0, 600, 4);
        Enqueue(state, 1, 100, 4);
        new VllmV1Policy().Plan(state, plan);
        Assert.That(Items(plan), Is.EqualTo(new[] { (0L, 256, true), (1L, 100, true) }));
    }

    [Test]
    public void VllmV1AdmitsNothingInAStepThatPreempted()
    {
        // 10 blocks of 16 tokens: A and B (80-token prompts, 5 blocks each) fill them; C waits. The first decode that needs an 11th block preempts B.
        var state = State(new SchedulerConfig(BatchPolicyKind.VllmV1, 256, 1000), 10, 16);
        var policy = new VllmV1Policy();
        var plan = new BatchPlan();
        var a = Enqueue(state, 0, 80, 100);
        var b = Enqueue(state, 1, 80, 100);
        policy.Plan(state, plan);
        Complete(state, plan);
        Enqueue(state, 2, 16, 4);
        for (int step = 0; step < 100 && plan.Preempted.Count == 0; step++)
        {
            policy.Plan(state, plan);
            if (plan.Preempted.Count == 0)
            {
                Complete(state, plan);
            }
        }

        Assert.That(plan.Preempted, Is.EqualTo(new[] { b }), "the newest running request is the victim");
        Assert.That(plan.Admitted, Is.Empty, "no admission in a step that preempted");
        Assert.That(Items(plan).Single().Id, Is.EqualTo(a.Id));
    }

    [Test]
    public void TrtllmNoEvictAdmitsOnlyWhenPromptPlusMaxOutputFitsAndNeverPreempts()
    {
        // 10 blocks of 32 tokens = 320 tokens. Each request needs 100 + 60 = 160 tokens = 5 blocks: two fit, the third waits.
        var state = State(new SchedulerConfig(BatchPolicyKind.Trtllm, 2048, 8192), 10, 32);
        var policy = new TrtllmPolicy();
        var plan = new BatchPlan();
        for (int i = 0; i < 5; i++)
        {
            Enqueue(state, i, 100, 60);
        }

        policy.Plan(state, plan);
        Assert.That(plan.Admitted.Select(s => s.Id), Is.EqualTo(new[] { 0L, 1L }));
        Assert.That(state.Kv.UsedBlocks, Is.EqualTo(10), "KV is reserved for the whole request up front");
        int steps = 0;
        while (state.HasRequests && steps++ < 10_000)
        {
            Complete(state, plan);
            policy.Plan(state, plan);
            Assert.That(plan.Preempted, Is.Empty);
            Assert.That(state.Running, Has.Count.LessThanOrEqualTo(2));
        }

        Assert.That(state.PreemptionCount, Is.Zero);
        Assert.That(state.HasRequests, Is.False, "every request ran to completion");
    }

    [Test]
    public void TrtllmWithoutChunkedContextStopsAtAContextThatDoesNotFitTheTokenBudget()
    {
        var state = State(new SchedulerConfig(BatchPolicyKind.Trtllm, 2048, 1000), 1000, 32);
        var plan = new BatchPlan();
        Enqueue(state, 0, 600, 4);
        Enqueue(state, 1, 600, 4);
        new TrtllmPolicy().Plan(state, plan);
        Assert.That(Items(plan), Is.EqualTo(new[] { (0L, 600, true) }));

        var chunked = State(new SchedulerConfig(BatchPolicyKind.Trtllm, 2048, 1000) { ChunkedContext = true }, 1000, 32);
        Enqueue(chunked, 0, 600, 4);
        Enqueue(chunked, 1, 600, 4);
        new TrtllmPolicy().Plan(chunked, plan);
        Assert.That(Items(plan), Is.EqualTo(new[] { (0L, 600, true), (1L, 384, true) }), "the chunk is the largest multiple of 32 tokens in the 400 left");
    }

    [Test]
    public void SglangAdmissionDiscountsRunningRequestsByTheNewTokenRatio()
    {
        // 2000 KV tokens (page 1). A (prompt 100, 1000 new tokens) is admitted: 100 + min(1000, 4096) = 1100 < 2000.
        var state = State(new SchedulerConfig(BatchPolicyKind.Sglang, 2048, 8192), 2000, 1);
        var policy = new SglangPolicy();
        var plan = new BatchPlan();
        Enqueue(state, 0, 100, 1000);
        policy.Plan(state, plan);
        Assert.That(Items(plan), Is.EqualTo(new[] { (0L, 100, true) }));
        Complete(state, plan);

        // B (prompt 100, 1000 new): room = free 1900 − A's 999 future tokens × 0.7 = 1200.7 > 1100: admitted, as a prefill-only batch.
        Enqueue(state, 1, 100, 1000);
        policy.Plan(state, plan);
        Assert.That(Items(plan), Is.EqualTo(new[] { (1L, 100, true) }), "a prefill batch runs instead of A's decode");
        Complete(state, plan);

        // C: room = 1800 − (999 + 999) × 0.7 = 401.4 < 1100: refused; the step decodes A and B and the ratio decays.
        Enqueue(state, 2, 100, 1000);
        policy.Plan(state, plan);
        Assert.That(Items(plan), Is.EqualTo(new[] { (0L, 1, false), (1L, 1, false) }));
        Assert.That(policy.NewTokenRatio, Is.EqualTo(0.7 - ((0.7 - (0.7 * 0.14)) / 600)).Within(1e-12));
    }

    [Test]
    public void CudaGraphPaddingPicksTheNextCapturedSize()
    {
        var padded = new CudaGraphSizes([1, 2, 4, 8, 16], padding: true);
        Assert.That(new[] { 1, 3, 5, 8, 9, 16, 17 }.Select(padded.PaddedSize), Is.EqualTo(new[] { 1, 4, 8, 8, 16, 16, 17 }), "17 is above the largest size: eager, unpadded");
        var exact = new CudaGraphSizes([1, 2, 4], padding: false);
        Assert.That(exact.PaddedSize(3), Is.EqualTo(3));
        Assert.That(exact.RunsGraph(3), Is.False);
        Assert.That(exact.RunsGraph(4), Is.True);
    }
}
