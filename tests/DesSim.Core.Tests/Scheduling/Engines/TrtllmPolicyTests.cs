using DesSim.Core.Scheduling;
using DesSim.Core.Scheduling.Engines.Trtllm;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.Scheduling.Engines;

/// <summary>TensorRT-LLM's capacity scheduler and its overlap executor's request fetching on cases small enough to check
/// by hand against cpp/tensorrt_llm/batch_manager/capacityScheduler.cpp and tensorrt_llm/_torch/pyexecutor/py_executor.py.</summary>
public sealed class TrtllmPolicyTests
{
    private const int Block = 32;

    private static SchedulerState NewState(long kvBlocks, bool noEvict = true, bool overlap = false) =>
        new(new SchedulerConfig(BatchPolicyKind.Trtllm, 2048, 8192) { GuaranteedNoEvict = noEvict, OverlapFetch = overlap }, new KvCache(kvBlocks, Block), 1);

    private static Sequence Arrive(SchedulerState state, long id, int input, int output, long atNs = 0)
    {
        var at = new SimTime(atNs);
        var s = new Sequence(new RequestSpec(id, at, input, output), 0, at);
        state.Waiting.PushBack(s);
        return s;
    }

    // The executor's side of a step that ends at endNs: new tokens are cached, a finished prompt emits its first token, a
    // request that reached its output length leaves.
    private static void EndStep(SchedulerState state, BatchPlan plan, long endNs)
    {
        foreach (var item in plan.Items)
        {
            var s = item.Sequence;
            s.InFlight = false;
            s.ContextTokens += item.NewTokens;
            if (!s.IsPrefilling && ++s.GeneratedTokens >= s.OutputTokens)
            {
                state.Finish(s);
            }
        }

        state.LastStepEnd = new SimTime(endNs);
        state.Now = new SimTime(endNs);
    }

    private static long[] Prefills(BatchPlan plan) => plan.Items.Where(i => i.IsPrefill).Select(i => i.Sequence.Id).ToArray();

    [Test]
    public void NoEvictHoldsBackARequestWhosePromptFitsButWhoseMaximumOutputDoesNot()
    {
        // 10 blocks of 32 tokens. A: 100 + 60 = 160 tokens = 5 blocks. B: a 32-token prompt (1 block) but 200 output tokens:
        // 232 tokens = 8 blocks > the 5 left, so B waits, and C (5 blocks, would fit) waits behind it: admission stops at
        // the first request that does not fit (GuaranteedNoEvictScheduler: "If one requests fails to be scheduled, break").
        var state = NewState(10);
        var policy = new TrtllmPolicy();
        var plan = new BatchPlan();
        Arrive(state, 0, 100, 60);
        Arrive(state, 1, 32, 200);
        Arrive(state, 2, 100, 60);
        policy.Plan(state, plan);
        Assert.That(plan.Admitted.Select(s => s.Id), Is.EqualTo(new[] { 0L }));
        Assert.That(state.Kv.UsedBlocks, Is.EqualTo(5), "A's blocks for all 160 tokens are reserved at admission");

        // A decodes to the end (59 more steps) without ever needing a block it was not given; then B (8 blocks) goes in,
        // and C (5 more) still does not fit beside it.
        long now = 0;
        while (state.Running.Count > 0)
        {
            EndStep(state, plan, now += 10);
            Assert.That(state.Kv.UsedBlocks, Is.LessThanOrEqualTo(10));
            policy.Plan(state, plan);
            Assert.That(plan.Preempted, Is.Empty);
            if (plan.Admitted.Count > 0)
            {
                break;
            }
        }

        Assert.That(plan.Admitted.Select(s => s.Id), Is.EqualTo(new[] { 1L }), "B is admitted once A has freed its 5 blocks");
        Assert.That(state.Kv.UsedBlocks, Is.EqualTo(8));
        Assert.That(state.Waiting.Count, Is.EqualTo(1), "C waits: 8 + 5 blocks exceed 10");
        Assert.That(state.PreemptionCount, Is.Zero);
    }

    [Test]
    public void MaxUtilizationAdmitsOnThePromptAndPausesTheNewestWhenADecodeRunsOut()
    {
        // 4 blocks of 32. A and B each have a 64-token prompt (2 blocks) and 40 output tokens. MAX_UTILIZATION admits both
        // on their prompts (4 blocks, all of them); A's first decode past 64 tokens needs a 5th block, so the most recently
        // started request (B) is paused and its blocks freed (MaxUtilizationScheduler: free started requests from the end).
        var state = NewState(4, noEvict: false);
        var policy = new TrtllmPolicy();
        var plan = new BatchPlan();
        Arrive(state, 0, 64, 40);
        Arrive(state, 1, 64, 40);
        policy.Plan(state, plan);
        Assert.That(plan.Admitted.Select(s => s.Id), Is.EqualTo(new[] { 0L, 1L }));
        Assert.That(state.Kv.UsedBlocks, Is.EqualTo(4));
        EndStep(state, plan, 10);
        policy.Plan(state, plan);
        Assert.That(plan.Preempted.Select(s => s.Id), Is.EqualTo(new[] { 1L }));
        Assert.That(plan.Items.Select(i => i.Sequence.Id), Is.EqualTo(new[] { 0L }));
        Assert.That(state.Waiting.PeekFront().Id, Is.EqualTo(1L), "the paused request goes back to the front of the queue");
    }

    [Test]
    public void AnIdleOverlapExecutorStartsOnTheFirstArrivalAloneAndFetchesTheRestForTheNextStep()
    {
        // Three requests arrive at once at an idle engine: the blocked fetch returns the first alone; the fetch for step 2
        // runs right after step 1 is launched and drains the other two.
        var state = NewState(1000, overlap: true);
        var policy = new TrtllmPolicy();
        var plan = new BatchPlan();
        for (int i = 0; i < 3; i++)
        {
            Arrive(state, i, 100, 4);
        }

        policy.Plan(state, plan);
        Assert.That(Prefills(plan), Is.EqualTo(new[] { 0L }));
        EndStep(state, plan, 50);
        policy.Plan(state, plan);
        Assert.That(Prefills(plan), Is.EqualTo(new[] { 1L, 2L }));
    }

    [Test]
    public void ABusyOverlapExecutorSeesARequestTwoStepsAfterTheStepItArrivedIn()
    {
        // A decodes in steps of 10 ns. B arrives at 15, during the step [10, 20): the fetch for the step starting at 20 ran
        // at 10, so B first runs in the step starting at 30. C arrives at 40, the instant a step ends and its tokens go
        // out (a closed-loop reply): it misses the fetch made then and first runs in the step starting at 60.
        var state = NewState(1000, overlap: true);
        var policy = new TrtllmPolicy();
        var plan = new BatchPlan();
        Arrive(state, 0, 100, 100);
        policy.Plan(state, plan);
        EndStep(state, plan, 10);
        policy.Plan(state, plan);
        Arrive(state, 1, 100, 100, atNs: 15);
        var firstPrefill = new Dictionary<long, long>();
        for (long end = 20; end <= 70; end += 10)
        {
            if (end == 40)
            {
                Arrive(state, 2, 100, 100, atNs: 40);
            }

            EndStep(state, plan, end);
            policy.Plan(state, plan);
            foreach (var id in Prefills(plan))
            {
                firstPrefill.TryAdd(id, end);
            }
        }

        Assert.That(firstPrefill, Is.EqualTo(new Dictionary<long, long> { [1] = 30, [2] = 60 }));
    }

    [Test]
    public void WithoutTheOverlapSchedulerEveryArrivalIsSeenByTheNextStep()
    {
        var state = NewState(1000);
        var policy = new TrtllmPolicy();
        var plan = new BatchPlan();
        for (int i = 0; i < 3; i++)
        {
            Arrive(state, i, 100, 4);
        }

        policy.Plan(state, plan);
        Assert.That(Prefills(plan), Is.EqualTo(new[] { 0L, 1L, 2L }));
    }
}
