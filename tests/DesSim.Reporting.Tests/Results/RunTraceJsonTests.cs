using System.Globalization;
using System.Text.Json;

namespace DesSim.Reporting.Tests.Results;

/// <summary>A real run's trace.json: valid JSON, well-formed Chrome trace events sorted by time, and the timeline
/// window stated in its metadata.</summary>
public sealed class RunTraceJsonTests
{
    [Test]
    public void Trace_of_a_real_run_is_well_formed_sorted_and_states_its_window()
    {
        var dir = TinyRun.WriteToTemp(TinyRun.Shared);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "trace.json")));
            var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
            var problems = new List<string>();
            var previousTs = double.NegativeInfinity;
            var phases = new SortedSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < events.Length; i++)
            {
                var e = events[i];
                foreach (var key in new[] { "ph", "ts", "pid", "tid", "name" })
                {
                    if (!e.TryGetProperty(key, out _))
                    {
                        problems.Add($"event {i} lacks {key}");
                    }
                }

                var ph = e.GetProperty("ph").GetString()!;
                phases.Add(ph);
                var ts = e.GetProperty("ts").GetDouble();
                if (ts < previousTs)
                {
                    problems.Add($"event {i} at ts {ts} comes after ts {previousTs}");
                }

                previousTs = ts;
                if (ph == "X" && (!e.TryGetProperty("dur", out var dur) || dur.GetDouble() < 0))
                {
                    problems.Add($"complete event {i} has no or a negative dur");
                }
            }

            var window = doc.RootElement.GetProperty("otherData").GetProperty("window").GetString();
            Assert.Multiple(() =>
            {
                Assert.That(problems, Is.Empty);
                Assert.That(phases, Is.EquivalentTo(new[] { "C", "M", "X" }), "metadata, complete and counter events");
                Assert.That(events.Count(e => e.GetProperty("ph").GetString() == "X"), Is.GreaterThan(10));
                Assert.That(window, Does.StartWith("only events in [0, 2] s"));
                Assert.That(doc.RootElement.GetProperty("otherData").GetProperty("limited").GetString(), Is.EqualTo("true"));
            });
        }
        finally
        {
            TinyRun.Delete(dir);
        }
    }

    [Test]
    public void A_later_window_keeps_only_events_inside_it()
    {
        var run = TinyRun.Run(outputs: "{ timeseries_step_s: 0.1, timeline: { start_s: 1, duration_s: 0.25 } }");
        var dir = TinyRun.WriteToTemp(run);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "trace.json")));
            var timed = doc.RootElement.GetProperty("traceEvents").EnumerateArray().Where(e => e.GetProperty("ph").GetString() != "M").ToArray();
            const double startUs = 1e6, endUs = 1.25e6;
            Assert.Multiple(() =>
            {
                Assert.That(timed.Count(e => e.GetProperty("ph").GetString() == "X"), Is.GreaterThan(0));
                Assert.That(timed.All(e => e.GetProperty("ts").GetDouble() >= startUs), Is.True, "nothing before the window");
                Assert.That(timed.All(e => e.GetProperty("ts").GetDouble() + (e.TryGetProperty("dur", out var d) ? d.GetDouble() : 0) <= endUs + 1e-3), Is.True, "nothing after it (spans clipped)");
                Assert.That(doc.RootElement.GetProperty("otherData").GetProperty("window").GetString(),
                    Does.StartWith(string.Create(CultureInfo.InvariantCulture, $"only events in [1, 1.25] s")));
            });
        }
        finally
        {
            TinyRun.Delete(dir);
        }
    }
}
