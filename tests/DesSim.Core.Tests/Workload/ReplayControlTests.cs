using System.Globalization;
using System.Text;
using DesSim.Core.Workload;
using static DesSim.Core.Tests.Workload.WorkloadTestKit;

namespace DesSim.Core.Tests.Workload;

public sealed class ReplayControlTests
{
    private static string Generic(int rows, Func<int, double> time, Func<int, int>? input = null)
    {
        var sb = new StringBuilder("arrival_s,input_tokens,output_tokens\n");
        for (int i = 0; i < rows; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{time(i):R},{input?.Invoke(i) ?? 100},{10}\n");
        }

        return Write("t.csv", sb.ToString());
    }

    [Test]
    public void TimeWindowRebasesToItsStartAndStopsAtItsEnd()
    {
        var path = Generic(10_000, i => i); // one request per second
        var (rs, d) = Replay(new TraceWorkloadSpec(path) { StartSeconds = 10, DurationSeconds = 5 });
        Assert.That(rs.Select(r => r.Arrival.Nanoseconds), Is.EqualTo(Enumerable.Range(0, 5).Select(i => Ns(i))));
        Assert.That(d.OutsideWindow, Is.EqualTo(10));
        Assert.That(d.RowsRead, Is.LessThan(10_000), "reading stops after the window (plus the reorder window)");
    }

    [Test]
    public void MaxRequestsCaps()
    {
        var (rs, _) = Replay(new TraceWorkloadSpec(Generic(50, i => i)) { MaxRequests = 7 });
        Assert.That(rs, Has.Count.EqualTo(7));
    }

    [TestCase(2.0)]
    [TestCase(3.0)]
    [TestCase(0.5)]
    [TestCase(7.3)]
    public void RateScalingDividesEveryOffsetExactly(double k)
    {
        var path = Write("a.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805150,1,1\n2023-11-16 18:15:46.6805153,1,1\n2023-11-16 18:15:50.9951690,1,1\n2023-11-16 19:00:00.0000001,1,1\n");
        var (baseRs, _) = Replay(path);
        var (scaled, _) = Replay(new TraceWorkloadSpec(path) { RateScale = k });
        Assert.That(scaled, Has.Count.EqualTo(baseRs.Count));
        for (int i = 0; i < baseRs.Count; i++)
        {
            long expected = (long)Math.Round(baseRs[i].Arrival.Nanoseconds / k, MidpointRounding.AwayFromZero);
            Assert.That(scaled[i].Arrival.Nanoseconds, Is.EqualTo(expected));
        }

        // Mean rate scales by exactly k (up to 1 ns rounding of the last arrival).
        Assert.That(baseRs[^1].Arrival.Nanoseconds / (double)scaled[^1].Arrival.Nanoseconds, Is.EqualTo(k).Within(1e-9));
    }

    [Test]
    public void SamplingKeepsAboutTheFractionAndIsSeeded()
    {
        var path = Generic(20_000, i => i * 0.01);
        var spec = new TraceWorkloadSpec(path) { SampleFraction = 0.25 };
        var (a, d) = Replay(spec, seed: 5);
        var (b, _) = Replay(spec, seed: 5);
        var (c, _) = Replay(spec, seed: 6);
        Assert.That(a.Count, Is.InRange(5000 - 300, 5000 + 300)); // ±4.9 σ of Binomial(20000, 0.25)
        Assert.That(d.SampledOut + a.Count, Is.EqualTo(20_000));
        Assert.That(b.Select(r => r.Arrival), Is.EqualTo(a.Select(r => r.Arrival)));
        Assert.That(c.Select(r => r.Arrival), Is.Not.EqualTo(a.Select(r => r.Arrival)));
        Assert.That(a.Select(r => r.Id), Is.EqualTo(Enumerable.Range(0, a.Count).Select(i => (long)i)), "ids follow arrival order");
    }

    [Test]
    public void MaxModelLenTruncatesOrDropsWithCounts()
    {
        var path = Write("g.csv", "arrival_s,input_tokens,output_tokens\n0,100,10\n1,95,10\n2,300,10\n");
        var (t, dt) = Replay(new TraceWorkloadSpec(path) { MaxModelLenTokens = 100 });
        Assert.That(t.Select(r => (r.InputTokens, r.OutputTokens)), Is.EqualTo(new[] { (99, 1), (95, 5), (99, 1) }));
        Assert.That(dt.Truncated, Is.EqualTo(3));
        var (d, dd) = Replay(new TraceWorkloadSpec(path) { MaxModelLenTokens = 105, OnTooLong = TooLongPolicy.Drop });
        Assert.That(d.Select(r => r.InputTokens), Is.EqualTo(new[] { 95 }));
        Assert.That(dd.DroppedTooLong, Is.EqualTo(2));
    }

    [Test]
    public void SlightlyUnsortedTimestampsAreSortedWithAWarning()
    {
        var path = Write("g.csv", "arrival_s,input_tokens,output_tokens\n0,1,1\n2,2,1\n1,3,1\n3,4,1\n");
        var (rs, d) = Replay(path);
        Assert.That(rs.Select(r => r.InputTokens), Is.EqualTo(new[] { 1, 3, 2, 4 }));
        Assert.That(rs.Select(r => r.Id), Is.EqualTo(new[] { 0L, 1L, 2L, 3L }));
        Assert.That(d.ReorderedRows, Is.EqualTo(1));
        Assert.That(d.Warnings.Single(), Does.Contain("not sorted").And.Contain("line 4"));
    }

    [Test]
    public void UnsortedBeyondTheReorderWindowIsAClearError()
    {
        var path = Generic(20, i => i == 19 ? 0.5 : i);
        var e = Assert.Throws<InputException>(() => Replay(new TraceWorkloadSpec(path) { ReorderWindowRows = 4 }));
        Assert.That(e!.Message, Does.StartWith($"{path}:21: timestamp is earlier than a row more than 4 rows before it"));
    }

    [Test]
    public void WallClockTraceUnsortedAtTheStartRebasesToTheEarliestRow()
    {
        var path = Write("a.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:00:01.0000000,1,1\n2023-11-16 18:00:00.0000000,2,1\n");
        var (rs, _) = Replay(path);
        Assert.That(rs.Select(r => (r.Arrival.Nanoseconds, r.InputTokens)), Is.EqualTo(new[] { (0L, 2), (1_000_000_000L, 1) }));
    }
}
