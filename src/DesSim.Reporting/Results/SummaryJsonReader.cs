using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using DesSim.Core;
using DesSim.Core.Metrics;
using DesSim.Reporting.Results.Schema;

namespace DesSim.Reporting.Results;

/// <summary>Reads <c>summary.json</c> (written by <see cref="SummaryJsonWriter"/>) back into its <see cref="SummaryDocument"/>.</summary>
/// <remarks>null numbers come back as NaN (no samples); another <c>result_format</c>, a missing or mistyped key is an
/// <see cref="InputException"/> naming the file and the key path.</remarks>
public sealed partial class SummaryJsonReader
{
    private SummaryJsonReader(string path, SummaryDocument document)
    {
        Path = path;
        Document = document;
        Summary = document.ToRunSummary();
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The document as read.</summary>
    public SummaryDocument Document { get; }

    /// <summary>The run summary it holds.</summary>
    public RunSummary Summary { get; }

    /// <summary>The SLO.</summary>
    public SloSpec Slo => Document.Slo.ToSlo();

    /// <summary>The notes.</summary>
    public IReadOnlyList<string> Notes => Document.Notes;

    /// <summary>Reads the file.</summary>
    public static SummaryJsonReader Read(string path)
    {
        using var doc = JsonFiles.Parse(path);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(path, null, "expected a JSON object");
        }

        CheckFormat(path, root);
        try
        {
            return new SummaryJsonReader(path, root.Deserialize(SummaryJsonContext.Default.SummaryDocument)!);
        }
        catch (JsonException e)
        {
            var at = e.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : null;
            var missing = MissingKeys().Match(e.Message);
            throw missing.Success
                ? new InputException(path, string.IsNullOrEmpty(at) ? missing.Groups[1].Value : $"{at}.{missing.Groups[1].Value}", "missing key", "was this summary.json written by dessim run?")
                : new InputException(path, string.IsNullOrEmpty(at) ? null : at, Expected(at, e.Message));
        }
    }

    /// <summary>A string label that a run's summary.json carries (<c>model</c>, <c>deployment</c>, …): its value, or an
    /// <see cref="InputException"/> naming the key when absent (e.g. a sweep point's summary).</summary>
    public string Required(string? value, string key) =>
        value ?? throw new InputException(Path, key, "missing key", "was this summary.json written by dessim run?");

    /// <summary>Refuses a summary.json of another result format than <see cref="SummaryDocument.CurrentResultFormat"/>.</summary>
    private static void CheckFormat(string path, JsonElement root)
    {
        const string key = "result_format";
        const string hint = "re-run the scenario with this dessim to write the current format";
        if (!root.TryGetProperty(key, out var v))
        {
            throw new InputException(path, key, "missing key: not written by dessim run, or by one from before result formats were numbered", hint);
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var format))
        {
            throw new InputException(path, key, "expected an integer");
        }

        if (format != SummaryDocument.CurrentResultFormat)
        {
            throw new InputException(path, key, $"result format {format}; this dessim reads result format {SummaryDocument.CurrentResultFormat}", hint);
        }
    }

    /// <summary>What the value at <paramref name="at"/> should have been, from the schema's source-generated metadata.</summary>
    private static string Expected(string? at, string message)
    {
        var context = SummaryJsonContext.Default;
        JsonTypeInfo? info = context.SummaryDocument;
        foreach (var segment in (at ?? string.Empty).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            var property = info?.Properties.FirstOrDefault(p => p.Name == name);
            info = property is null ? null : context.GetTypeInfo(property.PropertyType);
            if (segment.Contains('[', StringComparison.Ordinal))
            {
                info = info?.ElementType is { } element ? context.GetTypeInfo(element) : null;
            }
        }

        if (info is null || at is null)
        {
            return message.Split(" Path:")[0];
        }

        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        return type == typeof(long) || type == typeof(int) || type == typeof(double) ? "expected number"
            : type == typeof(string) ? "expected string"
            : type == typeof(bool) ? "expected true or false"
            : info.Kind == JsonTypeInfoKind.Enumerable ? "expected array"
            : "expected object";
    }

    // System.Text.Json's message for absent required members: "... was missing required properties including: 'p99'."
    [GeneratedRegex("missing required properties,? including:? '?([A-Za-z0-9_]+)'?")]
    private static partial Regex MissingKeys();
}
