using DesSim.Core.Configuration;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DesSim.Core;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;
using DesSim.Core.Studies;
using DesSim.Reporting.Csv;
using DesSim.Reporting.Output;

namespace DesSim.Reporting.Sweeps;

/// <summary><c>dessim plan</c> and <c>dessim capacity</c> split over a cluster: each feasible layout is one point of a sharded
/// study, run and resumed by the study runner (<see cref="ResumableStudy"/>) on a <see cref="SweepStore"/>, and collected by the merge.</summary>
/// <remarks>A shard directory is a sweep shard directory: <c>sweep.json</c> (with <c>study: plan|capacity</c>), a
/// <c>sweep.csv</c> of <c>point,layout</c> rows, and per layout <c>points/NNNNNN/{evaluation.json, row.csv}</c>, where
/// <c>row.csv</c> (written last, in one rename with the evaluation) marks the point complete. Layout K of the enumeration is
/// point K, so shard membership is the sweep's round-robin (<see cref="ShardSpec"/>). <c>dessim sweep --status</c> reports
/// these shards as it does a sweep's.</remarks>
public static class LayoutShards
{
    /// <summary>Columns of a shard's <c>sweep.csv</c>.</summary>
    public static readonly IReadOnlyList<string> Columns = ["point", "layout"];

    /// <summary>The fingerprint of one study: what its evaluations depend on (the effective scenario and power cap, the
    /// settings text, the layouts), so a shard and the merge agree they belong to the same study.</summary>
    public static string Fingerprint(string study, Scenario scenario, string settings, IReadOnlyList<ParallelPlan> layouts)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(layouts);
        var sb = new StringBuilder();
        sb.Append("study=").Append(study).Append('\n');
        sb.Append("power_cap_w=").Append(scenario.Deployment.Cluster.PowerCapWatts?.ToString("R", CultureInfo.InvariantCulture) ?? "none").Append('\n');
        sb.Append(settings).Append('\n');
        sb.Append("layouts=").Append(string.Join(' ', layouts)).Append('\n');
        sb.Append(scenario.YamlText);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }

    /// <summary>Opens the store of <paramref name="shard"/> of a layout study in <paramref name="directory"/>.</summary>
    /// <exception cref="InputException">Another process writes the directory, or it holds another study or shard.</exception>
    public static SweepStore Open(string study, string fingerprint, int layouts, int replications, ShardSpec shard, string directory) =>
        SweepStore.Open(directory, new SweepManifest(fingerprint, layouts, replications, shard, Columns, study), CsvOutput.RowsToCsv(Columns, []));

    /// <summary>Writes layout <paramref name="index"/>'s <see cref="StudyPointJson"/> text <paramref name="json"/> and its row
    /// (the completion mark) under <paramref name="directory"/> by one rename, and returns the row.</summary>
    public static string WritePoint(string directory, int index, ParallelPlan layout, string json)
    {
        ArgumentNullException.ThrowIfNull(layout);
        using var point = new AtomicDirectory(SweepDirectory.PointDirectory(directory, index), [SweepDirectory.RowFileName, StudyPointJson.FileName]);
        point.WriteAllText(StudyPointJson.FileName, json);
        var row = Row(index, layout);
        point.WriteAllText(SweepDirectory.RowFileName, row);
        point.Commit();
        return row;
    }

    /// <summary>The <c>evaluation.json</c> path of every layout, from the complete shards under <paramref name="root"/>/shards.</summary>
    /// <exception cref="InputException">No shards, incomplete shards, or shards of another study, flags or layout list.</exception>
    public static IReadOnlyList<string> Collect(string root, string study, string fingerprint, IReadOnlyList<ParallelPlan> layouts, int replications)
    {
        ArgumentNullException.ThrowIfNull(layouts);
        foreach (var (directory, m) in SweepStatus.Shards(root).Values)
        {
            if (m.Study == study && (m.Fingerprint != fingerprint || m.Points != layouts.Count || m.Replications != replications))
            {
                throw new InputException(directory, null, $"holds the shards of another {study} (fingerprint {m.Fingerprint}, {m.Points} layouts; these flags give {fingerprint}, {layouts.Count} layouts)", "run the merge with the flags the shards ran with (the jobs/ scripts hold them)");
            }
        }

        var (_, _, sources) = SweepMerger.CollectSubmission(root, study);

        return Enumerable.Range(0, layouts.Count).Select(i => Path.Combine(SweepDirectory.PointDirectory(sources[i], i), StudyPointJson.FileName)).ToArray();
    }

    /// <summary>Publishes a merged study's files into <paramref name="root"/> (which keeps its <c>shards/</c> and <c>jobs/</c>):
    /// each file atomically, the first of <paramref name="files"/> (the results table) last, so its presence means the rest are
    /// there. An interrupted merge is redone by rerunning it.</summary>
    public static void Publish(string root, IReadOnlyList<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (name, text) in files.Reverse())
        {
            AtomicFile.WriteAllText(Path.Combine(root, name), text);
        }
    }

    private static string Row(int index, ParallelPlan layout)
    {
        var text = CsvOutput.RowsToCsv(Columns, [[index, layout.ToString()]]);
        return text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..];
    }
}
