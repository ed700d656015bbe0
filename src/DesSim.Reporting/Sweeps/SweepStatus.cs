using System.Globalization;
using System.Text;
using DesSim.Core;

namespace DesSim.Reporting.Sweeps;

/// <summary>What a sweep output directory holds, read from its files alone (so any machine that mounts it reports the same):
/// the merged or single-process sweep in the directory itself, and the shards under <c>shards/K</c> of a cluster submission.</summary>
public static class SweepStatus
{
    /// <summary>Folder of the shard directories of a cluster submission (<c>shards/1</c> … <c>shards/N</c>).</summary>
    public const string ShardsFolder = "shards";

    /// <summary>Completed points of one sweep directory: (completed, expected, first missing point or -1).</summary>
    public static (int Completed, int Expected, int FirstMissing) Count(string directory, SweepManifest manifest)
    {
        var indices = Enumerable.Range(0, manifest.Points).Where(manifest.Shard.Contains).ToArray();
        var done = SweepDirectory.CompletedRows(directory, indices);
        int missing = indices.FirstOrDefault(i => !done.ContainsKey(i), -1);
        return (done.Count, indices.Length, missing);
    }

    /// <summary>The shard directories of a submission under <paramref name="directory"/> with their manifests, by shard number.</summary>
    /// <exception cref="InputException">A shard directory whose manifest is not a sweep's.</exception>
    public static SortedDictionary<int, (string Directory, SweepManifest Manifest)> Shards(string directory)
    {
        var result = new SortedDictionary<int, (string, SweepManifest)>();
        var root = Path.Combine(directory, ShardsFolder);
        if (!Directory.Exists(root))
        {
            return result;
        }

        foreach (var d in Directory.GetDirectories(root))
        {
            if (int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out int k) && SweepManifest.TryRead(d) is { } m)
            {
                result[k] = (d, m);
            }
        }

        return result;
    }

    /// <summary>Whether the merge has written the study's results into <paramref name="directory"/>: a sweep's complete
    /// <c>sweep.csv</c>, or a plan's / capacity study's results table (<c>plan.csv</c>, <c>capacity.csv</c>, which the merge
    /// writes last).</summary>
    private static bool Merged(string directory, SweepManifest? own, string study, int points) => study == SweepManifest.SweepStudy
        ? own is { Shard.Count: 1 } && Count(directory, own).Completed == points
        : File.Exists(Path.Combine(directory, study + ".csv"));

    /// <summary>The report: one line for the directory's own sweep, one per shard.</summary>
    /// <exception cref="InputException">The directory holds no sweep.</exception>
    public static string Describe(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InputException(directory, null, "no such directory");
        }

        var sb = new StringBuilder();
        var own = SweepManifest.TryRead(directory);
        var shards = Shards(directory);
        if (own is null && shards.Count == 0)
        {
            throw new InputException(directory, null, $"holds no sweep ({SweepManifest.FileName} or {ShardsFolder}/K/{SweepManifest.FileName})", "point --status at a sweep's --out directory");
        }

        var fingerprint = own?.Fingerprint ?? shards.Values.First().Manifest.Fingerprint;
        int points = own?.Points ?? shards.Values.First().Manifest.Points;
        var study = own?.Study ?? shards.Values.First().Manifest.Study;
        sb.Append(CultureInfo.InvariantCulture, $"{study} {fingerprint}: {points} point(s) in {directory}\n");
        if (own is not null)
        {
            var (c, e, miss) = Count(directory, own);
            sb.Append(CultureInfo.InvariantCulture, $"  {(own.Shard.Count == 1 ? "results" : $"shard {own.Shard}")}: {c}/{e} points complete{(miss >= 0 ? $" (next: point {miss})" : c == points ? $", {SweepDirectory.CsvFileName} complete" : string.Empty)}\n");
        }

        int total = 0;
        foreach (var (k, (dir, m)) in shards)
        {
            var (c, e, miss) = Count(dir, m);
            total += c;
            var other = m.Fingerprint != fingerprint ? $", another sweep ({m.Fingerprint})" : string.Empty;
            sb.Append(CultureInfo.InvariantCulture, $"  shard {m.Shard}: {c}/{e} points complete{(miss >= 0 ? $" (next: point {miss})" : string.Empty)}{other}\n");
        }

        if (shards.Count > 0)
        {
            int n = shards.Values.First().Manifest.Shard.Count;
            sb.Append(CultureInfo.InvariantCulture, $"  shards: {shards.Count(s => Count(s.Value.Directory, s.Value.Manifest) is var x && x.Completed == x.Expected)}/{n} complete, {total}/{points} points; {(Merged(directory, own, study, points) ? "merged" : "not merged yet")}\n");
        }

        return sb.ToString();
    }
}
