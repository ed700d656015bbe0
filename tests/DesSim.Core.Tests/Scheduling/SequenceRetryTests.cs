using DesSim.Core.Scheduling;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.Scheduling;

/// <summary><see cref="Sequence.ResetForRetry"/>: a request whose replica failed starts over, keeping what identifies it
/// and what the user already waited.</summary>
public sealed class SequenceRetryTests
{
    [Test]
    public void A_retry_discards_progress_and_token_times_and_keeps_arrival_first_scheduling_and_preemptions()
    {
        var s = new Sequence(new RequestSpec(7, SimTime.FromSeconds(1), 500, 20), 1, SimTime.FromSeconds(1))
        {
            Status = SequenceStatus.Running,
            ContextTokens = 510,
            PrefillTargetTokens = 500,
            GeneratedTokens = 11,
            InFlight = true,
            Preemptions = 2,
            FirstScheduled = SimTime.FromSeconds(1.5),
            FirstToken = SimTime.FromSeconds(2),
            LastToken = SimTime.FromSeconds(3),
            MaxInterTokenNanoseconds = 40_000_000,
        };
        s.ResetForRetry();
        Assert.That((s.Status, s.ContextTokens, s.PrefillTargetTokens, s.GeneratedTokens, s.InFlight), Is.EqualTo((SequenceStatus.Waiting, 0, 0, 0, false)));
        Assert.That((s.FirstToken, s.LastToken, s.MaxInterTokenNanoseconds), Is.EqualTo(((SimTime?)null, (SimTime?)null, 0L)));
        Assert.That((s.Retries, s.Preemptions, s.FirstScheduled, s.Arrival), Is.EqualTo((1, 2, (SimTime?)SimTime.FromSeconds(1.5), SimTime.FromSeconds(1))));
        s.ResetForRetry();
        Assert.That(s.Retries, Is.EqualTo(2));
    }
}
