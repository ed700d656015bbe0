using System.Text;
using System.Text.Json;
using DesSim.Core;
using DesSim.Core.Studies;
using DesSim.Reporting.Output;

namespace DesSim.Reporting.Sweeps;

/// <summary><c>sweep.json</c>: what a sweep output directory holds, so a rerun resumes only the same sweep and a merge only
/// combines shards of one sweep.</summary>
/// <remarks>Holds the study (omitted for a grid sweep; <c>plan</c> or <c>capacity</c> for their cluster shards), the plan's fingerprint, the point count, the replications, the shard and the CSV columns. No paths, times or
/// host names: a merged directory's manifest equals a single run's.</remarks>
public sealed record SweepManifest(string Fingerprint, int Points, int Replications, ShardSpec Shard, IReadOnlyList<string> Columns, string Study = SweepManifest.SweepStudy)
{
    /// <summary>The <see cref="Study"/> of a grid sweep (the only kind whose manifest omits the field, so sweep.json is unchanged).</summary>
    public const string SweepStudy = "sweep";

    /// <summary>File name inside the output directory.</summary>
    public const string FileName = "sweep.json";

    /// <summary>The JSON text.</summary>
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            if (Study != SweepStudy)
            {
                w.WriteString("study", Study);
            }

            w.WriteString("fingerprint", Fingerprint);
            w.WriteNumber("points", Points);
            w.WriteNumber("replications", Replications);
            w.WriteString("shard", Shard.ToString());
            w.WriteStartArray("columns");
            foreach (var c in Columns)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Writes it atomically into <paramref name="directory"/>.</summary>
    public void Write(string directory) => AtomicFile.WriteAllText(Path.Combine(directory, FileName), ToJson());

    /// <summary>Reads the manifest of <paramref name="directory"/>, or null when there is none.</summary>
    /// <exception cref="InputException">The file exists but is not a sweep manifest.</exception>
    public static SweepManifest? TryRead(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var r = doc.RootElement;
            return new SweepManifest(
                r.GetProperty("fingerprint").GetString()!,
                r.GetProperty("points").GetInt32(),
                r.GetProperty("replications").GetInt32(),
                ShardSpec.Parse(r.GetProperty("shard").GetString()!),
                r.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray(),
                r.TryGetProperty("study", out var study) ? study.GetString()! : SweepStudy);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException(path, null, $"not a sweep manifest: {e.Message}", "point --out at a fresh directory");
        }
    }
}
