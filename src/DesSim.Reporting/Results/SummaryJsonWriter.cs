using System.Text.Json;
using DesSim.Core.Metrics;
using DesSim.Reporting.Results.Schema;

namespace DesSim.Reporting.Results;

/// <summary>Writes <c>summary.json</c>: a <see cref="SummaryDocument"/> through its source-generated serializer (keys in docs/metrics.md).</summary>
/// <remarks>Numbers are rounded to 6 decimals; NaN (no samples) is written as null. Key order is the document's.</remarks>
public static class SummaryJsonWriter
{
    /// <summary>Version of the result-file layout this dessim writes and reads (<see cref="SummaryDocument.CurrentResultFormat"/>).</summary>
    public const int ResultFormat = SummaryDocument.CurrentResultFormat;

    /// <summary>Writes <paramref name="document"/>.</summary>
    public static void Write(Stream stream, SummaryDocument document) => JsonSerializer.Serialize(stream, document, SummaryJsonContext.Default.SummaryDocument);

    /// <summary>Writes the summary of a run named <paramref name="name"/> with its SLO, layout label, notes, labels
    /// (<paramref name="extra"/>: the document's string keys, e.g. <c>seed</c>, <c>sweep_point</c>) and (when given) the
    /// engine asked for and the modeled version that ran it.</summary>
    /// <exception cref="ArgumentException">A label that is not a key of <see cref="SummaryDocument"/>.</exception>
    public static void Write(Stream stream, string name, string layout, RunSummary s, SloSpec slo, IEnumerable<string> notes, IReadOnlyDictionary<string, string>? extra = null, (string Name, string Version, string ModeledAs)? engine = null)
    {
        var document = SummaryDocument.From(name, layout, s, slo, notes, engine is { } e ? new EngineDocument { Name = e.Name, Version = e.Version, ModeledAs = e.ModeledAs } : null);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            document = key switch
            {
                "deployment" => document with { Deployment = value },
                "engine_overheads" => document with { EngineOverheads = value },
                "gpu" => document with { Gpu = value },
                "model" => document with { Model = value },
                "scheduler" => document with { Scheduler = value },
                "seed" => document with { Seed = value },
                "sweep_fingerprint" => document with { SweepFingerprint = value },
                "sweep_point" => document with { SweepPoint = value },
                _ => throw new ArgumentException($"'{key}' is not a label key of summary.json", nameof(extra)),
            };
        }

        Write(stream, document);
    }
}
