using System.Globalization;
using System.Text.Json;
using DesSim.Reporting.Output;

namespace DesSim.Reporting.Trace;

/// <summary>Collects spans and counters of a run and writes them as Chrome Trace Event JSON (opens in Perfetto and
/// chrome://tracing): one process per replica, one thread per GPU and per link.</summary>
/// <remarks>Lifecycle: name processes and threads, add spans and counters (in any order), then <see cref="Write"/>.
/// Spans outside the <see cref="TraceLimit"/> window are dropped as they are added, so memory stays bounded by the
/// window. Output: metadata events ("ph":"M", ts 0) first, then complete ("X") and counter ("C") events sorted by
/// ts (then process, thread, longer first, insertion order); ts and dur in microseconds rounded to the nanosecond.
/// Deterministic for the same inputs.</remarks>
public sealed class ChromeTraceWriter
{
    /// <summary>Seconds → trace microseconds.</summary>
    private const double MicrosecondsPerSecond = 1e6;

    /// <summary>Decimals of a microsecond kept: 3 = nanosecond resolution, the simulator's clock tick.</summary>
    private const int MicrosecondDecimals = 3;

    private readonly SortedDictionary<int, string> _processes = [];
    private readonly SortedDictionary<(int Process, int Thread), string> _threads = [];
    private readonly List<TraceSpan> _spans = [];
    private readonly List<TraceCounter> _counters = [];
    private long _droppedByWindow;

    /// <summary>Creates a writer.</summary>
    /// <param name="limit">Window and caps; null for none.</param>
    public ChromeTraceWriter(TraceLimit? limit = null)
    {
        Limit = limit ?? TraceLimit.None;
    }

    /// <summary>The window and caps in force.</summary>
    public TraceLimit Limit { get; }

    /// <summary>Names a process (replica).</summary>
    public void NameProcess(int process, string name) => _processes[process] = name;

    /// <summary>Names a thread (GPU or link) of a process.</summary>
    public void NameThread(int process, int thread, string name) => _threads[(process, thread)] = name;

    /// <summary>Adds a span; spans entirely outside the window are dropped.</summary>
    /// <exception cref="ArgumentException">Non-finite times or a negative duration.</exception>
    public void AddSpan(TraceSpan span)
    {
        ArgumentNullException.ThrowIfNull(span);
        if (!double.IsFinite(span.StartSeconds) || !double.IsFinite(span.DurationSeconds) || span.DurationSeconds < 0)
        {
            throw new ArgumentException($"span '{span.Name}' has start {span.StartSeconds} s and duration {span.DurationSeconds} s", nameof(span));
        }

        var end = span.StartSeconds + span.DurationSeconds;
        if ((Limit.WindowStartSeconds is { } ws && end < ws) || (Limit.WindowEndSeconds is { } we && span.StartSeconds > we))
        {
            _droppedByWindow++;
            return;
        }

        _spans.Add(span);
    }

    /// <summary>Adds a counter sample; samples outside the window are dropped.</summary>
    public void AddCounter(TraceCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        if (!double.IsFinite(counter.TimeSeconds) || !double.IsFinite(counter.Value))
        {
            throw new ArgumentException($"counter '{counter.Name}' has time {counter.TimeSeconds} s and value {counter.Value}", nameof(counter));
        }

        if ((Limit.WindowStartSeconds is { } ws && counter.TimeSeconds < ws) || (Limit.WindowEndSeconds is { } we && counter.TimeSeconds > we))
        {
            _droppedByWindow++;
            return;
        }

        _counters.Add(counter);
    }

    /// <summary>Writes the trace to <paramref name="stream"/> (UTF-8 JSON, streamed).</summary>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var spans = Sample(SortedSpans(), Limit.MaxSpans, out var spanStride);
        var counters = Sample(_counters.Select((c, i) => (c, i)).OrderBy(p => p.c.TimeSeconds).ThenBy(p => p.c.Process)
            .ThenBy(p => p.c.Name, StringComparer.Ordinal).ThenBy(p => p.i).Select(p => p.c).ToList(), Limit.MaxCounterSamples, out var counterStride);

        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteStartArray("traceEvents");
        WriteMetadata(json);
        var s = 0;
        var c = 0;
        while (s < spans.Count || c < counters.Count)
        {
            // Why: merge the two sorted lists so the whole event array is sorted by ts.
            var takeSpan = c >= counters.Count || (s < spans.Count && Us(Clip(spans[s]).Start) <= Us(counters[c].TimeSeconds));
            if (takeSpan)
            {
                WriteSpan(json, spans[s++]);
            }
            else
            {
                WriteCounter(json, counters[c++]);
            }
        }

        json.WriteEndArray();
        json.WriteString("displayTimeUnit", "ms");
        WriteOtherData(json, spans.Count, spanStride, counters.Count, counterStride);
        json.WriteEndObject();
    }

    /// <summary>Writes the trace to a file atomically.</summary>
    public void WriteFile(string path) => AtomicFile.Write(path, Write);

    private List<TraceSpan> SortedSpans() => _spans.Select((span, i) => (span, i))
        .OrderBy(p => Us(Clip(p.span).Start))
        .ThenBy(p => p.span.Process)
        .ThenBy(p => p.span.Thread)
        .ThenByDescending(p => p.span.DurationSeconds)
        .ThenBy(p => p.i)
        .Select(p => p.span)
        .ToList();

    private static List<T> Sample<T>(List<T> sorted, int? max, out int stride)
    {
        stride = 1;
        if (max is not { } cap || sorted.Count <= cap)
        {
            return sorted;
        }

        stride = (int)Math.Ceiling(sorted.Count / (double)Math.Max(1, cap));
        var kept = new List<T>(cap);
        for (var i = 0; i < sorted.Count; i += stride)
        {
            kept.Add(sorted[i]);
        }

        return kept;
    }

    private (double Start, double Duration) Clip(TraceSpan span) => Clip(Limit, span.StartSeconds, span.DurationSeconds);

    private static (double Start, double Duration) Clip(TraceLimit limit, double startSeconds, double durationSeconds)
    {
        var start = startSeconds;
        var end = startSeconds + durationSeconds;
        if (limit.WindowStartSeconds is { } ws)
        {
            start = Math.Max(start, ws);
        }

        if (limit.WindowEndSeconds is { } we)
        {
            end = Math.Min(end, we);
        }

        return (start, Math.Max(0, end - start));
    }

    /// <summary>Where a span lands in the trace under <paramref name="limit"/>: its ts and dur in microseconds as
    /// written, or null when the window drops it.</summary>
    internal static (double Ts, double Dur)? ToMicroseconds(TraceLimit limit, double startSeconds, double durationSeconds)
    {
        var end = startSeconds + durationSeconds;
        if ((limit.WindowStartSeconds is { } ws && end < ws) || (limit.WindowEndSeconds is { } we && startSeconds > we))
        {
            return null;
        }

        var (start, duration) = Clip(limit, startSeconds, durationSeconds);
        var ts = Us(start);
        return (ts, Math.Max(0, Us(start + duration) - ts));
    }

    private static double Us(double seconds) => Math.Round(seconds * MicrosecondsPerSecond, MicrosecondDecimals);

    private void WriteMetadata(Utf8JsonWriter json)
    {
        foreach (var (process, name) in _processes)
        {
            Metadata(json, "process_name", process, 0, "name", name);
            Metadata(json, "process_sort_index", process, 0, "sort_index", process);
        }

        foreach (var ((process, thread), name) in _threads)
        {
            Metadata(json, "thread_name", process, thread, "name", name);
            Metadata(json, "thread_sort_index", process, thread, "sort_index", thread);
        }
    }

    private static void Metadata(Utf8JsonWriter json, string eventName, int process, int thread, string argName, object value)
    {
        json.WriteStartObject();
        json.WriteString("name", eventName);
        json.WriteString("ph", "M");
        json.WriteNumber("ts", 0);
        json.WriteNumber("pid", process);
        json.WriteNumber("tid", thread);
        json.WriteStartObject("args");
        if (value is int number)
        {
            json.WriteNumber(argName, number);
        }
        else
        {
            json.WriteString(argName, (string)value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteSpan(Utf8JsonWriter json, TraceSpan span)
    {
        var (start, duration) = Clip(span);
        var ts = Us(start);
        json.WriteStartObject();
        json.WriteString("name", span.Name);
        json.WriteString("cat", span.Category);
        json.WriteString("ph", "X");
        json.WriteNumber("ts", ts);
        json.WriteNumber("dur", Math.Max(0, Us(start + duration) - ts));
        json.WriteNumber("pid", span.Process);
        json.WriteNumber("tid", span.Thread);
        if (span.Args is { Count: > 0 } args)
        {
            json.WriteStartObject("args");
            foreach (var (key, value) in args)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteCounter(Utf8JsonWriter json, TraceCounter counter)
    {
        json.WriteStartObject();
        json.WriteString("name", counter.Name);
        json.WriteString("ph", "C");
        json.WriteNumber("ts", Us(counter.TimeSeconds));
        json.WriteNumber("pid", counter.Process);
        json.WriteNumber("tid", 0);
        json.WriteStartObject("args");
        json.WriteNumber("value", counter.Value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteOtherData(Utf8JsonWriter json, int spans, int spanStride, int counters, int counterStride)
    {
        var windowed = Limit.WindowStartSeconds is not null || Limit.WindowEndSeconds is not null;
        var sampled = spanStride > 1 || counterStride > 1;
        json.WriteStartObject("otherData");
        json.WriteString("generator", "DesSim");
        json.WriteString("timeUnit", "ts and dur in microseconds of simulated time");
        json.WriteString("limited", windowed || sampled ? "true" : "false");
        if (windowed)
        {
            var from = Limit.WindowStartSeconds?.ToString("R", CultureInfo.InvariantCulture) ?? "start";
            var to = Limit.WindowEndSeconds?.ToString("R", CultureInfo.InvariantCulture) ?? "end";
            json.WriteString("window", $"only events in [{from}, {to}] s of simulated time; spans clipped to it; {_droppedByWindow} events outside it dropped");
        }

        if (sampled)
        {
            json.WriteString("sampling", $"every {spanStride}th span ({spans} written) and every {counterStride}th counter sample ({counters} written), in time order");
        }

        json.WriteEndObject();
    }
}
