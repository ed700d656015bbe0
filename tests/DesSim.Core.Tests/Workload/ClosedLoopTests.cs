using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.Workload;

public sealed class ClosedLoopTests
{
    private static readonly LengthSpec Ten = new(LengthDistribution.Fixed) { ValueTokens = 10 };

    /// <summary>A tiny executor: pulls requests, serves each for a random time, reports completions in time order.</summary>
    private static (int MaxInFlight, List<RequestSpec> Offered, List<(long Id, long DoneNs)> Done) Run(int users, long requests, double thinkSeconds, ulong seed)
    {
        var spec = new SyntheticWorkloadSpec(new ArrivalSpec(ArrivalProcess.ClosedLoop) { Concurrency = users, ThinkTimeSeconds = thinkSeconds }, Ten, Ten) { MaxRequests = requests };
        using var opened = WorkloadFactory.Open(spec, new RandomStreams(seed));
        var source = opened.Source;
        var service = new RandomStream(seed + 1000);
        var pending = new PriorityQueue<(long Id, long DoneNs), (long, long)>();
        var offered = new List<RequestSpec>();
        var done = new List<(long, long)>();
        long now = 0;
        int maxInFlight = 0;
        while (true)
        {
            while (source.TryNext(out var r))
            {
                Assert.That(r.Arrival.Nanoseconds, Is.GreaterThanOrEqualTo(now), "a closed-loop request never arrives before the completion that released it");
                offered.Add(r);
                long finish = r.Arrival.Nanoseconds + 1 + service.NextInt64(1_000_000_000);
                pending.Enqueue((r.Id, finish), (finish, r.Id));
            }

            maxInFlight = Math.Max(maxInFlight, pending.Count);
            if (!pending.TryDequeue(out var next, out _))
            {
                break;
            }

            now = next.DoneNs;
            done.Add(next);
            source.OnCompleted(next.Id, new SimTime(now));
        }

        Assert.That(source.IsExhausted, Is.True);
        return (maxInFlight, offered, done);
    }

    [TestCase(1, 50, 0.0)]
    [TestCase(4, 1000, 0.0)]
    [TestCase(16, 1000, 0.2)]
    [TestCase(64, 40, 0.0)]
    public void ConcurrencyNeverExceedsUsersAndEveryRequestIsOfferedOnce(int users, long requests, double think)
    {
        var (maxInFlight, offered, done) = Run(users, requests, think, seed: 7);
        Assert.That(maxInFlight, Is.LessThanOrEqualTo(users));
        Assert.That(maxInFlight, Is.EqualTo(Math.Min(users, requests)), "the loop keeps all users busy");
        Assert.That(offered.Select(r => r.Id), Is.EqualTo(Enumerable.Range(0, (int)requests).Select(i => (long)i)));
        Assert.That(done, Has.Count.EqualTo(requests));
    }

    [Test]
    public void NextRequestArrivesAfterTheThinkTime()
    {
        var (_, offered, done) = Run(1, 5, 0.5, seed: 3);
        for (int i = 1; i < offered.Count; i++)
        {
            Assert.That(offered[i].Arrival.Nanoseconds, Is.EqualTo(done[i - 1].DoneNs + 500_000_000L));
        }
    }

    [Test]
    public void WaitsWhileAllUsersAreBusy()
    {
        var spec = new SyntheticWorkloadSpec(new ArrivalSpec(ArrivalProcess.ClosedLoop) { Concurrency = 2 }, Ten, Ten) { MaxRequests = 3 };
        var source = WorkloadFactory.Open(spec, new RandomStreams(1)).Source;
        Assert.That(source.TryNext(out var a) && source.TryNext(out _), Is.True);
        Assert.That(source.TryNext(out _), Is.False);
        Assert.That(source.IsExhausted, Is.False);
        source.OnCompleted(a.Id, SimTime.FromSeconds(2));
        Assert.That(source.TryNext(out var c), Is.True);
        Assert.That(c.Arrival, Is.EqualTo(SimTime.FromSeconds(2)));
        Assert.That(source.IsExhausted, Is.True);
        Assert.Throws<InvalidOperationException>(() => source.OnCompleted(a.Id, SimTime.FromSeconds(3)));
    }

    [Test]
    public void DurationStopsUsersFromStartingNewRequests()
    {
        var spec = new SyntheticWorkloadSpec(new ArrivalSpec(ArrivalProcess.ClosedLoop) { Concurrency = 1 }, Ten, Ten) { MaxRequests = 100, DurationSeconds = 2.5 };
        var source = WorkloadFactory.Open(spec, new RandomStreams(1)).Source;
        var ids = new List<long>();
        for (int t = 1; source.TryNext(out var r); t++)
        {
            ids.Add(r.Id);
            source.OnCompleted(r.Id, SimTime.FromSeconds(t));
        }

        Assert.That(ids, Is.EqualTo(new[] { 0L, 1L, 2L }), "requests start at 0, 1 and 2 s; none at 3 s");
        Assert.That(source.IsExhausted, Is.True);
    }
}
