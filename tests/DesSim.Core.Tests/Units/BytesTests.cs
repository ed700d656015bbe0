using DesSim.Core.Units;

namespace DesSim.Core.Tests.Units;

public sealed class BytesTests
{
    [Test]
    public void Gigabytes_are_decimal()
    {
        Assert.That(Bytes.FromGigabytes(80).Count, Is.EqualTo(80_000_000_000));
        Assert.That(new Bytes(141_000_000_000).Gigabytes, Is.EqualTo(141));
        Assert.That(Bytes.FromGigabytes(1.5e-9).Count, Is.EqualTo(2), "1.5 bytes: a tie rounds away from zero");
        Assert.That(new Bytes(4096).ToString(), Is.EqualTo("4096 B"));
    }

    [Test]
    public void Arithmetic_and_order()
    {
        var a = new Bytes(3000);
        var b = new Bytes(1000);
        Assert.That(a + b, Is.EqualTo(new Bytes(4000)));
        Assert.That(a - b, Is.EqualTo(new Bytes(2000)));
        Assert.That(b * 3, Is.EqualTo(a));
        Assert.That(a > b && b < a && a >= new Bytes(3000) && b <= new Bytes(1000), Is.True);
        Assert.That(new[] { a, b, Bytes.Zero }.Order(), Is.EqualTo(new[] { Bytes.Zero, b, a }));
        Assert.Throws<OverflowException>(() => _ = new Bytes(long.MaxValue) + new Bytes(1));
    }

    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(1e10)]
    public void An_amount_outside_a_long_or_negative_is_refused(double gigabytes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Bytes.FromGigabytes(gigabytes));
}
