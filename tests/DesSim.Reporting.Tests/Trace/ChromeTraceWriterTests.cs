using System.Text.Json;
using DesSim.Reporting.Trace;

namespace DesSim.Reporting.Tests.Trace;

public sealed class ChromeTraceWriterTests
{
    private static ChromeTraceWriter Sample(TraceLimit? limit = null)
    {
        var writer = new ChromeTraceWriter(limit);
        writer.NameProcess(1, "replica 1");
        writer.NameProcess(0, "replica 0");
        writer.NameThread(0, 0, "gpu0");
        writer.NameThread(0, 1, "gpu1");
        writer.NameThread(0, 100, "link gpu0→gpu1");

        // Added out of order on purpose.
        for (var m = 5; m >= 0; m--)
        {
            writer.AddSpan(new TraceSpan(0, 1, $"stage1 mb{m}", "compute", 0.011 + (m * 0.010), 0.009, [new("micro_batch", m.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
            writer.AddSpan(new TraceSpan(0, 0, $"stage0 mb{m}", "compute", m * 0.010, 0.009));
            writer.AddSpan(new TraceSpan(0, 100, $"act mb{m}", "transfer", 0.009 + (m * 0.010), 0.002));
        }

        writer.AddSpan(new TraceSpan(1, 0, "idle marker", "compute", 0.05, 0));
        for (var i = 10; i >= 0; i--)
        {
            writer.AddCounter(new TraceCounter(0, "KV occupancy %", i * 0.007, 10 + i));
            writer.AddCounter(new TraceCounter(0, "queue length", i * 0.007, 20 - i));
        }

        return writer;
    }

    private static JsonDocument Parse(ChromeTraceWriter writer)
    {
        using var stream = new MemoryStream();
        writer.Write(stream);
        return JsonDocument.Parse(stream.ToArray());
    }

    [Test]
    public void Trace_parses_and_every_event_is_well_formed()
    {
        using var doc = Parse(Sample());
        var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        Assert.That(events, Is.Not.Empty);
        foreach (var e in events)
        {
            var ph = e.GetProperty("ph").GetString();
            Assert.That(ph, Is.AnyOf("M", "X", "C"));
            Assert.That(e.GetProperty("name").GetString(), Is.Not.Empty);
            Assert.That(e.GetProperty("pid").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(e.GetProperty("tid").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(e.GetProperty("ts").GetDouble(), Is.GreaterThanOrEqualTo(0));
            if (ph == "X")
            {
                Assert.That(e.GetProperty("dur").GetDouble(), Is.GreaterThanOrEqualTo(0));
                Assert.That(e.GetProperty("cat").GetString(), Is.Not.Empty);
            }

            if (ph is "C" or "M")
            {
                Assert.That(e.GetProperty("args").ValueKind, Is.EqualTo(JsonValueKind.Object));
            }
        }

        Assert.That(events.Count(e => e.GetProperty("ph").GetString() == "X"), Is.EqualTo(19));
        Assert.That(events.Count(e => e.GetProperty("ph").GetString() == "C"), Is.EqualTo(22));
    }

    [Test]
    public void Events_are_sorted_by_ts_with_metadata_first()
    {
        using var doc = Parse(Sample());
        var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        var firstNonMeta = events.FindIndex(e => e.GetProperty("ph").GetString() != "M");
        Assert.That(events.Take(firstNonMeta).All(e => e.GetProperty("ph").GetString() == "M"), Is.True);
        Assert.That(events.Skip(firstNonMeta).Any(e => e.GetProperty("ph").GetString() == "M"), Is.False);
        var ts = events.Select(e => e.GetProperty("ts").GetDouble()).ToList();
        Assert.That(ts, Is.Ordered);
    }

    [Test]
    public void Names_and_units_are_in_microseconds()
    {
        using var doc = Parse(Sample());
        var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        var names = events.Where(e => e.GetProperty("name").GetString() == "thread_name").Select(e => e.GetProperty("args").GetProperty("name").GetString());
        Assert.That(names, Is.EquivalentTo(new[] { "gpu0", "gpu1", "link gpu0→gpu1" }));
        var mb2 = events.Single(e => e.GetProperty("name").GetString() == "stage0 mb2");
        Assert.That(mb2.GetProperty("ts").GetDouble(), Is.EqualTo(20000));
        Assert.That(mb2.GetProperty("dur").GetDouble(), Is.EqualTo(9000));
        Assert.That(doc.RootElement.GetProperty("otherData").GetProperty("limited").GetString(), Is.EqualTo("false"));
    }

    [Test]
    public void Output_is_deterministic()
    {
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        Sample().Write(a);
        Sample().Write(b);
        Assert.That(b.ToArray(), Is.EqualTo(a.ToArray()));
    }

    [Test]
    public void Window_clips_spans_and_is_stated_in_metadata()
    {
        using var doc = Parse(Sample(new TraceLimit(0.015, 0.030)));
        var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().Where(e => e.GetProperty("ph").GetString() != "M").ToList();
        foreach (var e in events)
        {
            var ts = e.GetProperty("ts").GetDouble();
            Assert.That(ts, Is.InRange(15000, 30000));
            if (e.TryGetProperty("dur", out var dur))
            {
                Assert.That(ts + dur.GetDouble(), Is.LessThanOrEqualTo(30000));
            }
        }

        var other = doc.RootElement.GetProperty("otherData");
        Assert.That(other.GetProperty("limited").GetString(), Is.EqualTo("true"));
        Assert.That(other.GetProperty("window").GetString(), Does.Contain("0.015").And.Contain("0.03"));
    }

    [Test]
    public void Caps_sample_evenly_and_say_so()
    {
        using var doc = Parse(Sample(new TraceLimit(MaxSpans: 5, MaxCounterSamples: 4)));
        var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        Assert.That(events.Count(e => e.GetProperty("ph").GetString() == "X"), Is.LessThanOrEqualTo(5));
        Assert.That(events.Count(e => e.GetProperty("ph").GetString() == "C"), Is.LessThanOrEqualTo(4));
        Assert.That(events.Select(e => e.GetProperty("ts").GetDouble()), Is.Ordered);
        Assert.That(doc.RootElement.GetProperty("otherData").GetProperty("sampling").GetString(), Does.Contain("every"));
    }

    [Test]
    public void Negative_durations_and_non_finite_times_are_rejected()
    {
        var writer = new ChromeTraceWriter();
        Assert.Throws<ArgumentException>(() => writer.AddSpan(new TraceSpan(0, 0, "x", "c", 0, -1)));
        Assert.Throws<ArgumentException>(() => writer.AddSpan(new TraceSpan(0, 0, "x", "c", double.NaN, 1)));
        Assert.Throws<ArgumentException>(() => writer.AddCounter(new TraceCounter(0, "x", 0, double.PositiveInfinity)));
    }

    [Test]
    public void WriteFile_writes_json()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dessim-trace-{Guid.NewGuid():N}.json");
        try
        {
            Sample().WriteFile(path);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            Assert.That(doc.RootElement.GetProperty("displayTimeUnit").GetString(), Is.EqualTo("ms"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
