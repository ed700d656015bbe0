using DesSim.Core.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DesSim.Core;
using DesSim.Core.Parallelism;
using DesSim.Core.Studies;

namespace DesSim.Reporting.Sweeps;

/// <summary><c>evaluation.json</c>: one layout's evaluation in a shard of <c>dessim plan</c> or <c>dessim capacity</c> run on a
/// cluster, read back by the merge job exactly (every number as its round-trip decimal text, so the merge ranks and writes the
/// same bytes as an in-process run).</summary>
/// <remarks>Holds, per point result, the SLO verdicts, the event count and every <see cref="RunMetric"/> as
/// <c>[mean, half-width, count]</c>; per capacity search its rate, requests/s (total and per GPU), simulations, whether the
/// search was bounded, the result at capacity and every probe. The per-replication summaries are not kept: planning and
/// capacity outputs read only the aggregates.</remarks>
public static class StudyPointJson
{
    /// <summary>File name inside a point directory.</summary>
    public const string FileName = "evaluation.json";

    /// <summary>The JSON text of a plan evaluation (<paramref name="atLoad"/> and <paramref name="saturated"/> null for capacity).</summary>
    public static string Write(ParallelPlan layout, PointResult? atLoad, PointResult? saturated, CapacityResult? capacity)
    {
        ArgumentNullException.ThrowIfNull(layout);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("layout", layout.ToString());
            if (atLoad is not null)
            {
                w.WritePropertyName("at_load");
                Point(w, atLoad);
            }

            if (saturated is not null)
            {
                w.WritePropertyName("saturated");
                Point(w, saturated);
            }

            if (capacity is not null)
            {
                w.WritePropertyName("capacity");
                w.WriteStartObject();
                w.WriteString("rate", N(capacity.Rate));
                w.WriteString("requests_per_s", N(capacity.RequestsPerSecond));
                w.WriteString("requests_per_s_per_gpu", N(capacity.RequestsPerSecondPerGpu));
                w.WriteNumber("simulations", capacity.Simulations);
                w.WriteBoolean("bounded", capacity.Bounded);
                w.WritePropertyName("at_capacity");
                if (capacity.AtCapacity is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    Point(w, capacity.AtCapacity);
                }

                w.WriteStartArray("probes");
                foreach (var (rate, held) in capacity.Probes)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(N(rate));
                    w.WriteBooleanValue(held);
                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Reads an evaluation of <paramref name="layout"/> from <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file is not an evaluation of that layout.</exception>
    public static (PointResult? AtLoad, PointResult? Saturated, CapacityResult? Capacity) Read(string path, ParallelPlan layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var r = doc.RootElement;
            var name = r.GetProperty("layout").GetString();
            if (name != layout.ToString())
            {
                throw new InputException(path, "layout", $"is an evaluation of {name}, expected {layout}", "the shards were run with other flags; delete the shards folder and resubmit");
            }

            PointResult? P(string key) => r.TryGetProperty(key, out var e) ? Point(e, layout) : null;
            CapacityResult? cap = null;
            if (r.TryGetProperty("capacity", out var c))
            {
                var at = c.GetProperty("at_capacity");
                cap = new CapacityResult(
                    D(c.GetProperty("rate")),
                    D(c.GetProperty("requests_per_s")),
                    D(c.GetProperty("requests_per_s_per_gpu")),
                    c.GetProperty("simulations").GetInt32(),
                    c.GetProperty("bounded").GetBoolean(),
                    at.ValueKind == JsonValueKind.Null ? null : Point(at, layout),
                    c.GetProperty("probes").EnumerateArray().Select(p => (D(p[0]), p[1].GetBoolean())).ToArray());
            }

            return (P("at_load"), P("saturated"), cap);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new InputException(path, null, $"not a layout evaluation: {e.Message}", "delete the point's directory and rerun its shard");
        }
    }

    private static void Point(Utf8JsonWriter w, PointResult p)
    {
        w.WriteStartObject();
        w.WriteBoolean("slo_holds", p.SloHolds);
        w.WriteBoolean("slo_within_noise", p.VerdictWithinNoise);
        w.WriteNumber("events", p.EventsProcessed);
        w.WriteStartObject("metrics");
        for (int i = 0; i < RunMetrics.All.Count; i++)
        {
            var v = p.Values[i];
            w.WriteStartArray(RunMetrics.All[i].Name);
            w.WriteStringValue(N(v.Mean));
            w.WriteStringValue(N(v.HalfWidth95));
            w.WriteNumberValue(v.Count);
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static PointResult Point(JsonElement e, ParallelPlan layout)
    {
        var metrics = e.GetProperty("metrics");
        var values = RunMetrics.All.Select(m =>
        {
            var a = metrics.GetProperty(m.Name);
            return new ReplicatedValue(D(a[0]), D(a[1]), a[2].GetInt32());
        }).ToArray();
        return new PointResult(layout, values, e.GetProperty("slo_holds").GetBoolean(), e.GetProperty("slo_within_noise").GetBoolean(), [], e.GetProperty("events").GetInt64());
    }

    /// <summary>Round-trip decimal text ("R": the shortest text that parses back to the same double; NaN and infinities by name).</summary>
    private static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static double D(JsonElement e) => double.Parse(e.GetString() ?? throw new FormatException("a number is null"), NumberStyles.Float, CultureInfo.InvariantCulture);
}
