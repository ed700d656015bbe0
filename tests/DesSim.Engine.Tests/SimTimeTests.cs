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
    public void EveryConversionRoundsTheSameWay()
    {
        // The one rule: nearest nanosecond, ties away from zero (2.5 ns → 3 where banker's rounding gives 2; -2.5 → -3).
        Assert.That(SimTime.FromNanosecondsRounded(2.5).Nanoseconds, Is.EqualTo(3));
        Assert.That(SimTime.FromNanosecondsRounded(-2.5).Nanoseconds, Is.EqualTo(-3));
        Assert.That(SimTime.FromNanosecondsRounded(2.4999).Nanoseconds, Is.EqualTo(2));
        Assert.That(SimTime.FromSeconds(2.6e-9).Nanoseconds, Is.EqualTo(3));
        Assert.That(SimTime.FromSeconds(-2.6e-9).Nanoseconds, Is.EqualTo(-3));
        Assert.That(SimTime.FromMicroseconds(0.0026).Nanoseconds, Is.EqualTo(3));
        Assert.That(SimTime.TryFromSeconds(2.6e-9, out var t), Is.True);
        Assert.That(t, Is.EqualTo(SimTime.FromSeconds(2.6e-9)));
    }

    [Test]
    public void TryFromSecondsRefusesWhatDoesNotFit()
    {
        Assert.That(SimTime.TryFromSeconds(double.NaN, out _), Is.False);
        Assert.That(SimTime.TryFromSeconds(double.PositiveInfinity, out _), Is.False);
        Assert.That(SimTime.TryFromSeconds(9.3e9, out _), Is.False, "9.3·10⁹ s = 9.3·10¹⁸ ns is above 2⁶³ − 1");
        Assert.That(SimTime.TryFromSeconds(9.2e9, out var t), Is.True);
        Assert.That(t.Nanoseconds, Is.EqualTo(9_200_000_000_000_000_000));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SimTime.FromNanosecondsRounded(1e19));
        Assert.That(ex!.ParamName, Is.EqualTo("nanoseconds"));
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
