using System.Globalization;
using System.Text.Json;
using DesSim.Core;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results;

/// <summary>Reads the stage executions and transfers back from a run's <c>trace.json</c> (written by
/// <see cref="RunTimelineExport"/>) for the report's pipeline chart.</summary>
/// <remarks>Complete events ("ph":"X") on threads below <see cref="RunTimelineExport.LinkThreadOffset"/> are stage
/// executions (thread = stage), the others transfers (thread − offset = sending stage); process = replica;
/// <c>args.micro_batch</c> and <c>args.tokens</c> give the micro-batch. Times come back in whole nanoseconds.</remarks>
public static class TraceTimelineReader
{
    /// <summary>Trace microseconds → simulator nanoseconds.</summary>
    private const double NanosecondsPerMicrosecond = 1e3;

    /// <summary>A trace time in microseconds as whole nanoseconds (the writer keeps nanosecond resolution).</summary>
    public static long Nanoseconds(double microseconds) => (long)Math.Round(microseconds * NanosecondsPerMicrosecond, MidpointRounding.AwayFromZero);

    /// <summary>Reads the spans of <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file is not a DesSim trace (names the file and the event).</exception>
    public static IReadOnlyList<TimelineSpan> Read(string path)
    {
        var doc = JsonFiles.Parse(path);

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("traceEvents", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                throw new InputException(path, "traceEvents", "expected an object with a traceEvents array", "is this a trace.json written by dessim run?");
            }

            var spans = new List<TimelineSpan>();
            var i = 0;
            foreach (var e in events.EnumerateArray())
            {
                var at = $"traceEvents[{i++}]";
                if (e.ValueKind != JsonValueKind.Object)
                {
                    throw new InputException(path, at, "expected an event object");
                }

                if (!e.TryGetProperty("ph", out var ph) || ph.ValueKind != JsonValueKind.String)
                {
                    throw new InputException(path, at, "missing 'ph'");
                }

                if (ph.GetString() != "X")
                {
                    continue;
                }

                var replica = (int)Number(path, at, e, "pid");
                var thread = (int)Number(path, at, e, "tid");
                var ts = Number(path, at, e, "ts");
                var dur = Number(path, at, e, "dur");
                if (dur < 0)
                {
                    throw new InputException(path, at + ".dur", $"negative duration {dur.ToString(CultureInfo.InvariantCulture)}");
                }

                var transfer = thread >= RunTimelineExport.LinkThreadOffset;
                spans.Add(new TimelineSpan(
                    replica,
                    transfer ? thread - RunTimelineExport.LinkThreadOffset : thread,
                    Arg(path, at, e, "micro_batch"),
                    Nanoseconds(ts),
                    Nanoseconds(ts + dur),
                    transfer,
                    transfer ? 0 : (int)Arg(path, at, e, "tokens")));
            }

            return spans;
        }
    }

    private static double Number(string path, string at, JsonElement e, string key)
    {
        if (!e.TryGetProperty(key, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var x) || !double.IsFinite(x))
        {
            throw new InputException(path, $"{at}.{key}", "missing or not a number");
        }

        return x;
    }

    private static long Arg(string path, string at, JsonElement e, string key)
    {
        if (e.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Object && args.TryGetProperty(key, out var v)
            && v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        throw new InputException(path, $"{at}.args.{key}", "missing or not an integer");
    }
}
