using DesSim.Core.Units;
using DesSim.Engine;

namespace DesSim.Core.Tests.Units;

public sealed class BytesPerSecondTests
{
    [Test]
    public void Gigabits_are_an_eighth_of_gigabytes()
    {
        // InfiniBand NDR: 400 Gb/s per port = 50 GB/s; HDR 200 Gb/s = 25 GB/s; RoCE 100 Gb/s = 12.5 GB/s.
        Assert.That(BytesPerSecond.FromGigabitsPerSecond(400).Value, Is.EqualTo(50e9));
        Assert.That(BytesPerSecond.FromGigabitsPerSecond(200).Value, Is.EqualTo(25e9));
        Assert.That(BytesPerSecond.FromGigabitsPerSecond(100).Value, Is.EqualTo(12.5e9));
        Assert.That(BytesPerSecond.FromGigabytesPerSecond(450).Value, Is.EqualTo(450e9));
        Assert.That(BytesPerSecond.FromTerabytesPerSecond(3.35).Value, Is.EqualTo(3.35e12));
    }

    [Test]
    public void Reads_back_in_either_unit()
    {
        var ndr = BytesPerSecond.FromGigabitsPerSecond(400);
        Assert.That(ndr.GigabitsPerSecond, Is.EqualTo(400));
        Assert.That(ndr.GigabytesPerSecond, Is.EqualTo(50));
        Assert.That(ndr.ToString(), Is.EqualTo("50 GB/s"));
    }

    [Test]
    public void Transfer_time_is_bytes_over_rate_rounded_to_the_nanosecond()
    {
        var rate = BytesPerSecond.FromGigabytesPerSecond(50);
        // 1 MB at 50 GB/s: 10⁶ / 5·10¹⁰ s = 20 µs exactly.
        Assert.That((new Bytes(1_000_000) / rate).Nanoseconds, Is.EqualTo(20_000));
        // 3 bytes at 2 GB/s = 1.5 ns: a tie rounds away from zero (SimTime's rule).
        Assert.That(new Bytes(3) / BytesPerSecond.FromGigabytesPerSecond(2), Is.EqualTo(SimTime.FromNanoseconds(2)));
        // 1 byte at 3 GB/s = 0.333 ns rounds down to 0.
        Assert.That(BytesPerSecond.FromGigabytesPerSecond(3).TimeFor(new Bytes(1)), Is.EqualTo(SimTime.Zero));
        Assert.That(rate.SecondsFor(new Bytes(1_000_000)), Is.EqualTo(2e-5));
    }

    [Test]
    public void A_degraded_link_takes_longer()
    {
        var full = BytesPerSecond.FromGigabytesPerSecond(100);
        var half = full.Scaled(0.5);
        Assert.That(half.Value, Is.EqualTo(50e9));
        Assert.That((new Bytes(1_000_000) / half).Nanoseconds, Is.EqualTo(2 * (new Bytes(1_000_000) / full).Nanoseconds));
        Assert.That(BytesPerSecond.Min(full, half), Is.EqualTo(half));
        Assert.That(half < full && full > half && half <= full.Scaled(0.5) && full >= half, Is.True);
    }

    [Test]
    public void Unbounded_rate_moves_bytes_in_no_time_and_zero_rate_never_finishes()
    {
        Assert.That(new Bytes(1 << 30) / BytesPerSecond.PositiveInfinity, Is.EqualTo(SimTime.Zero));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Bytes(1) / new BytesPerSecond(0));
        Assert.That(ex!.ParamName, Is.EqualTo("seconds"), "the run reports it as a simulated-time overflow (ScenarioRunner)");
    }

    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    public void A_negative_or_NaN_rate_is_refused(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new BytesPerSecond(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => BytesPerSecond.FromGigabitsPerSecond(value));
    }
}
