using DesSim.Core.Metrics;
using DesSim.Engine;

namespace DesSim.Core.Tests.Metrics;

/// <summary>max_concurrent_requests counts per whole second as vllm bench serve does (hand-derived cases).</summary>
public sealed class ConcurrencyPeakTests
{
    private static RequestRecord R(double arrivalS, double completionS) =>
        new(0, 0, 10, 10, SimTime.FromSeconds(arrivalS), SimTime.FromSeconds(arrivalS), SimTime.FromSeconds(arrivalS), SimTime.FromSeconds(completionS), 0, SimTime.Zero, false);

    [Test]
    public void No_requests_is_zero() => Assert.That(ConcurrencyPeak.Of([]), Is.Zero);

    [Test]
    public void Each_request_counts_in_every_second_it_touches()
    {
        // seconds from the first arrival: A 0-1, B 0, C 1-2, D 3 => per second 2, 2, 1, 1
        RequestRecord[] runs = [R(0, 1.5), R(0.9, 0.95), R(1.2, 2.1), R(3.0, 3.1)];
        Assert.That(ConcurrencyPeak.Of(runs), Is.EqualTo(2));
        // E lies in second 1 only, with A and C
        Assert.That(ConcurrencyPeak.Of([.. runs, R(1.0, 1.999)]), Is.EqualTo(3));
    }

    [Test]
    public void Requests_in_the_same_second_that_never_overlap_still_count_together()
    {
        // vLLM's per-second count is an upper bound on the instantaneous peak (here 1)
        Assert.That(ConcurrencyPeak.Of([R(10.1, 10.2), R(10.3, 10.4), R(10.5, 10.6)]), Is.EqualTo(3));
    }

    [Test]
    public void Seconds_are_counted_from_the_first_arrival_not_from_zero()
    {
        // from 0.5: A covers 0.5-1.4 (second 0), B 1.6-1.7 (second 1); from 0 they would share second 1
        Assert.That(ConcurrencyPeak.Of([R(0.5, 1.4), R(1.6, 1.7)]), Is.EqualTo(1));
    }
}
