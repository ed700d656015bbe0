using System.Globalization;
using System.Text;
using DesSim.Core.Workload;
using static DesSim.Core.Tests.Workload.WorkloadTestKit;

namespace DesSim.Core.Tests.Workload;

/// <summary>The allocation-free fast paths of the CSV trace reader agree with the general parsers they short-cut, and
/// leave every other shape (and every bad value) to them.</summary>
public sealed class TraceFieldParsingTests
{
    private const string AzureHeader = "TIMESTAMP,ContextTokens,GeneratedTokens\n";

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>What the reader's general path makes of a timestamp (null: not a timestamp).</summary>
    private static long? GeneralTicks(string s) =>
        DateTimeOffset.TryParse(s.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var stamp) ? stamp.UtcTicks : null;

    [Test]
    public void AzureStampsParseToTheGeneralParsersTicks()
    {
        var rng = new Random(19);
        for (int i = 0; i < 20_000; i++)
        {
            var t = new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks((long)(rng.NextDouble() * DateTime.MaxValue.Ticks));
            int digits = rng.Next(0, 8);
            var text = t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                + (digits == 0 ? string.Empty : "." + t.ToString("fffffff", CultureInfo.InvariantCulture)[..digits]);
            Assert.That(TraceFieldParsing.TryUtcTicks(Utf8(text), out long ticks), Is.True, text);
            Assert.That(ticks, Is.EqualTo(GeneralTicks(text)), text);
        }
    }

    [Test]
    public void TheShippedTracesStampsAllTakeTheFastPathWithTheSameTicks()
    {
        foreach (var line in File.ReadLines(Sample("azure-conv-10min.csv")).Skip(1))
        {
            var stamp = line[..line.IndexOf(',', StringComparison.Ordinal)];
            Assert.That(TraceFieldParsing.TryUtcTicks(Utf8(stamp), out long ticks), Is.True, stamp);
            Assert.That(ticks, Is.EqualTo(GeneralTicks(stamp)), stamp);
        }
    }

    [TestCase("2024-05-10 00:00:00.009930+00:00")] // BurstGPT-style offset: general parser
    [TestCase("2023-11-16T18:15:46.6805900")]
    [TestCase("2023-11-16 18:15:46.68059001")] // 8 fraction digits
    [TestCase("2023-11-16 18:15:46.")]
    [TestCase("2023-11-16 18:15:46,6805900")]
    [TestCase(" 2023-11-16 18:15:46.6805900")]
    [TestCase("2023-11-16 18:15:46.6805900 ")]
    [TestCase("2023-11-16 24:00:00")]
    [TestCase("2023-11-16 18:60:00")]
    [TestCase("2023-11-16 18:15:60")]
    [TestCase("2023-02-29 00:00:00")] // not a leap year
    [TestCase("2023-13-01 00:00:00")]
    [TestCase("0000-01-01 00:00:00")]
    [TestCase("2023-11-1a 18:15:46")]
    [TestCase("2023-11-16")]
    [TestCase("yesterday")]
    [TestCase("")]
    public void OtherShapesAreLeftToTheGeneralParser(string text) =>
        Assert.That(TraceFieldParsing.TryUtcTicks(Utf8(text), out _), Is.False);

    [Test]
    public void LeapDayOfALeapYearIsAFastStamp()
    {
        Assert.That(TraceFieldParsing.TryUtcTicks(Utf8("2024-02-29 23:59:59.9999999"), out long ticks), Is.True);
        Assert.That(ticks, Is.EqualTo(GeneralTicks("2024-02-29 23:59:59.9999999")));
    }

    [TestCase("0", 0)]
    [TestCase("7", 7)]
    [TestCase("007", 7)]
    [TestCase("374", 374)]
    [TestCase("999999999", 999_999_999)]
    public void PlainDigitsAreTokenCounts(string text, int expected)
    {
        Assert.That(TraceFieldParsing.TryDigits(Utf8(text), out int value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
        Assert.That(long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("1234567890")] // 10 digits: the general path (and its range check)
    [TestCase("+1")]
    [TestCase("-1")]
    [TestCase(" 1")]
    [TestCase("128.0")]
    [TestCase("1e3")]
    [TestCase("\u0663")] // ARABIC-INDIC DIGIT THREE
    public void AnythingElseIsLeftToTheGeneralTokenParser(string text) =>
        Assert.That(TraceFieldParsing.TryDigits(Utf8(text), out _), Is.False);

    [Test]
    public void AFileMixingFastAndGeneralStampsKeepsOneTimeline()
    {
        // Row 2 fast, row 3 general (an explicit UTC offset), row 4 general (one with +01:00: 18:15:48 UTC), row 5 fast
        // with fewer fraction digits; token fields with spaces and "128.0" take the general token parser.
        var path = Write("a.csv", AzureHeader
            + "2023-11-16 18:15:46.5000000,374,44\n"
            + "2023-11-16 18:15:47.0000000+00:00,\" 12 \",128.0\n"
            + "2023-11-16 19:15:48+01:00,5,6\n"
            + "2023-11-16 18:15:49.25,7,8\n");
        var (rs, _) = Replay(path);
        Assert.That(rs.Select(r => r.Arrival.Nanoseconds), Is.EqualTo(new[] { 0L, Ns(0.5), Ns(1.5), Ns(2.75) }));
        Assert.That(rs.Select(r => r.InputTokens), Is.EqualTo(new[] { 374, 12, 5, 7 }));
        Assert.That(rs.Select(r => r.OutputTokens), Is.EqualTo(new[] { 44, 128, 6, 8 }));
    }

    [TestCase("2023-11-16 24:15:46.6805900,374,44", "column 'TIMESTAMP': '2023-11-16 24:15:46.6805900' is not a timestamp")]
    [TestCase("2023-02-30 18:15:46.6805900,374,44", "column 'TIMESTAMP': '2023-02-30 18:15:46.6805900' is not a timestamp")]
    [TestCase("2023-11-16 18:15:47.6805900,37x4,44", "column 'ContextTokens': '37x4' is not a non-negative integer")]
    [TestCase("2023-11-16 18:15:47.6805900,374,44000000", "column 'GeneratedTokens': '44000000' is more than 10,000,000 tokens")]
    public void BadRowsAfterFastRowsGetTheGeneralMessage(string row, string message)
    {
        var path = Write("a.csv", AzureHeader + "2023-11-16 18:15:46.6805900,374,44\n" + row + "\n");
        var e = Assert.Throws<InputException>(() => Replay(path))!;
        Assert.That(e.Message, Does.StartWith($"{path}:3: {message}"));
    }
}
