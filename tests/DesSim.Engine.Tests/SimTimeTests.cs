using DesSim.Engine;

namespace DesSim.Engine.Tests;

public sealed class SimTimeTests
{
    [Test]
    public void ConversionsRoundTrip()
    {
        Assert.That(SimTime.FromSeconds(1.5).Nanoseconds, Is.EqualTo(1_500_000_000));
        Assert.That(SimTime.FromMilliseconds(2.5).Nanoseconds, Is.EqualTo(2_500_000));
        Assert.That(SimTime.FromMicroseconds(3).Nanoseconds, Is.EqualTo(3_000));
        Assert.That(SimTime.FromNanoseconds(7).Seconds, Is.EqualTo(7e-9));
        Assert.That(SimTime.FromSeconds(0.25).Milliseconds, Is.EqualTo(250.0));
        Assert.That(SimTime.FromSeconds(1e-6).Microseconds, Is.EqualTo(1.0));
    }

    [Test]
    public void RoundsToNearestNanosecond()
    {
        Assert.That(SimTime.FromSeconds(1.0000000004).Nanoseconds, Is.EqualTo(1_000_000_000));
        Assert.That(SimTime.FromSeconds(1.0000000006).Nanoseconds, Is.EqualTo(1_000_000_001));
    }

    [Test]
    public void ArithmeticAndComparison()
    {
        var a = SimTime.FromMilliseconds(3);
        var b = SimTime.FromMilliseconds(1);
        Assert.That((a + b).Nanoseconds, Is.EqualTo(4_000_000));
        Assert.That((a - b).Nanoseconds, Is.EqualTo(2_000_000));
        Assert.That((b * 3).Nanoseconds, Is.EqualTo(3_000_000));
        var a2 = SimTime.FromMilliseconds(3);
        Assert.That(a > b && b < a && a >= a2 && a <= a2, Is.True);
        Assert.That(SimTime.Max(a, b), Is.EqualTo(a));
        Assert.That(SimTime.Min(a, b), Is.EqualTo(b));
    }

    [Test]
    public void OverflowIsAnError()
    {
        Assert.Throws<OverflowException>(() => _ = SimTime.MaxValue + SimTime.FromNanoseconds(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimTime.FromSeconds(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimTime.FromSeconds(1e300));
    }

    [Test]
    public void FormatsInvariantly()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            // A culture with a decimal comma (the app runs in invariant-globalization mode, so build one by hand).
            var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NegativeSign = "~";
            Thread.CurrentThread.CurrentCulture = comma;
            Assert.That(SimTime.FromMilliseconds(1250).ToString(), Is.EqualTo("1.250000000s"));
            Assert.That(SimTime.FromNanoseconds(-5).ToString(), Is.EqualTo("-0.000000005s"));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }
}
