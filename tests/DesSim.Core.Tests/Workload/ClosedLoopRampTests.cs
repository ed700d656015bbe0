using DesSim.Core.Configuration;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.Workload;

/// <summary>The closed-loop client's start: all users at once (aiperf / vllm bench serve default) or ramped one slot at a
/// time (aiperf <c>--concurrency-ramp-duration</c>).</summary>
public sealed class ClosedLoopRampTests
{
    private static readonly LengthSpec Ten = new(LengthDistribution.Fixed) { ValueTokens = 10 };

    private static IFollowUpRequestSource Open(int users, long requests, double rampSeconds) =>
        (IFollowUpRequestSource)WorkloadFactory.Open(
            new SyntheticWorkloadSpec(new ArrivalSpec(ArrivalProcess.ClosedLoop) { Concurrency = users, RampSeconds = rampSeconds }, Ten, Ten) { MaxRequests = requests },
            new RandomStreams(1)).Source;

    [TestCase(0, 4, 3.0, 0L)]
    [TestCase(1, 4, 3.0, 1_000_000_000L)]
    [TestCase(3, 4, 3.0, 3_000_000_000L)]
    [TestCase(0, 1, 3.0, 0L)]
    [TestCase(2, 4, 0.0, 0L)]
    public void UserIStartsAtIRampOverUsersMinusOne(long user, long users, double ramp, long expectedNs) =>
        Assert.That(ClosedLoopSource.FirstSendNs(user, users, ramp), Is.EqualTo(expectedNs));

    [Test]
    public void ARampOffersFirstSendsInOrderAndAnEarlierNextRequestAsAFollowUp()
    {
        var source = Open(users: 4, requests: 10, rampSeconds: 3);
        var first = new List<RequestSpec>();
        while (source.TryNext(out var r))
        {
            first.Add(r);
        }

        Assert.That(first.Select(r => r.Arrival.Nanoseconds), Is.EqualTo(new[] { 0L, 1_000_000_000L, 2_000_000_000L, 3_000_000_000L }));

        // User 0 finishes at 0.5 s, before users 1-3 have started: its next request is due before their first sends.
        source.OnCompleted(first[0].Id, SimTime.FromSeconds(0.5));
        Assert.That(source.TryNext(out _), Is.False, "the main stream holds nothing more");
        Assert.That(source.TryNextFollowUp(out var next), Is.True);
        Assert.That(next.Arrival, Is.EqualTo(SimTime.FromSeconds(0.5)));
        Assert.That(next.Id, Is.EqualTo(4), "every request is counted once");
    }

    [Test]
    public void WithoutARampEveryUserStartsAtZeroAndNextRequestsStayInTheMainStream()
    {
        var source = Open(users: 3, requests: 5, rampSeconds: 0);
        var first = new List<RequestSpec>();
        while (source.TryNext(out var r))
        {
            first.Add(r);
        }

        Assert.That(first.Select(r => r.Arrival.Nanoseconds), Is.All.EqualTo(0));
        source.OnCompleted(first[1].Id, SimTime.FromSeconds(2));
        Assert.That(source.TryNextFollowUp(out _), Is.False);
        Assert.That(source.TryNext(out var next) && next.Arrival == SimTime.FromSeconds(2), Is.True);
    }

    [Test]
    public void ARampedLoopStopsAfterItsRequestCount()
    {
        var run = Serve("{ process: closed-loop, concurrency: 8, ramp_s: 2 }", requests: 40);
        Assert.That(run.Result.Requests, Has.Count.EqualTo(40));
        Assert.That(run.Result.Requests.Select(r => r.Id).Order(), Is.EqualTo(Enumerable.Range(0, 40).Select(i => (long)i)));
    }

    /// <summary>Eight users with 1,024-token prompts on vLLM 0.12 (TP2 H100, budget 8,192 tokens): sent together they keep
    /// prefilling in shared waves (one request alone, the other seven in one step, every cycle); started one by one over a
    /// cycle they stay apart and each prefill runs nearly alone. Deterministic: the waves are what a burst start leaves.</summary>
    [Test]
    public void ABurstKeepsItsPrefillWavesAndARampDoesNot()
    {
        var burst = Serve("{ process: closed-loop, concurrency: 8 }", requests: 80);
        var ramped = Serve("{ process: closed-loop, concurrency: 8, ramp_s: 2 }", requests: 80);
        int WavesOfLastHalf(ScenarioRun r) => r.Result.Requests.Where(x => x.Id >= 40).GroupBy(x => x.FirstToken.Nanoseconds).Max(g => g.Count());
        Assert.Multiple(() =>
        {
            Assert.That(WavesOfLastHalf(burst), Is.EqualTo(7), "the burst's seven-request wave persists");
            Assert.That(WavesOfLastHalf(ramped), Is.LessThanOrEqualTo(2), "ramped users stay apart");
            Assert.That(BenchmarkClientStats.Measure(ramped.Result.Requests, 40).MeanTtftMs,
                Is.LessThan(BenchmarkClientStats.Measure(burst.Result.Requests, 40).MeanTtftMs / 2));
        });
    }

    private static ScenarioRun Serve(string arrival, int requests) =>
        ScenarioRunner.Run(ScenarioLoader.Read(YamlDocumentLoader.Parse($$"""
            name: ramp
            model: qwen3-32b
            precision: bf16
            cluster: { gpu: h100, nodes: 1, gpus_per_node: 2 }
            parallelism: { tp: 2, pp: 1, dp: 1 }
            engine: { name: vllm, version: "0.12.0" }
            cost_model: measured
            workload:
              requests: {{requests}}
              arrival: {{arrival}}
              input_tokens: 1024
              output_tokens: 128
            """, "ramp.yaml"), "ramp.yaml", Path.GetTempPath()));
}
