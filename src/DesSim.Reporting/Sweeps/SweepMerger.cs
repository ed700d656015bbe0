using DesSim.Core;
using DesSim.Core.Studies;
using DesSim.Reporting.Output;

namespace DesSim.Reporting.Sweeps;

/// <summary>Combines the output directories of a sweep's shards into one directory identical to a single run's.</summary>
/// <remarks>Every input must hold the same sweep (fingerprint, points, replications, columns) and shards of one count; together
/// they must cover every point. The output gets the single-run <c>sweep.json</c> (shard 1/1), the <c>sweep.csv</c> a
/// single run writes (byte-identical: same rows, same order) and every point's files. Written atomically.</remarks>
public static class SweepMerger
{
    /// <summary>Merges <paramref name="shardDirectories"/> into <paramref name="outputDirectory"/>.</summary>
    /// <returns>The number of points merged.</returns>
    /// <exception cref="InputException">Mismatched, duplicated or incomplete shards.</exception>
    public static int Merge(IReadOnlyList<string> shardDirectories, string outputDirectory)
    {
        if (shardDirectories.Count == 0)
        {
            throw new InputException("merge", null, "no shard directories given");
        }

        using var transaction = new OutputTransaction();
        foreach (var d in shardDirectories)
        {
            transaction.Input(OutputPaths.Require(d, "merge"), $"the shard directory {d}");
        }

        using var output = transaction.Directory(outputDirectory, "--out", [SweepManifest.FileName, SweepDirectory.CsvFileName, "points", "sweep.html"]);
        output.CheckPublishable();

        var (first, rows, sources) = Collect(shardDirectories, SweepManifest.SweepStudy);
        var header = Csv.CsvOutput.RowsToCsv(first.Columns, []);
        output.WriteAllText(SweepManifest.FileName, (first with { Shard = ShardSpec.All }).ToJson());
        output.WriteAllText(SweepDirectory.CsvFileName, header + string.Concat(rows.Values));
        foreach (var (p, source) in sources.OrderBy(kv => kv.Key))
        {
            var from = SweepDirectory.PointDirectory(source, p);
            var rel = Path.GetRelativePath(source, from);
            foreach (var file in Directory.GetFiles(from).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
            {
                output.WriteAllBytes(Path.Combine(rel, Path.GetFileName(file)), File.ReadAllBytes(file));
            }
        }

        transaction.Commit();
        return rows.Count;
    }
    /// <summary>Merges the shards of a cluster submission, <c>ROOT/shards/1</c> … <c>ROOT/shards/N</c>, into
    /// <paramref name="root"/> itself, keeping the submission's <c>shards/</c> and <c>jobs/</c> there.</summary>
    /// <remarks>Published as a single-process sweep publishes into its directory: each point's directory by one rename, then
    /// <c>sweep.json</c>, then <c>sweep.csv</c> (each atomically). The result is byte-identical to <see cref="Merge"/>'s and
    /// to a single run's; an interrupted merge is redone by rerunning it.</remarks>
    /// <returns>The number of points merged.</returns>
    /// <exception cref="InputException">No shards, mismatched, duplicated or incomplete shards, or a root holding another sweep.</exception>
    public static int MergeSubmission(string root)
    {
        var (first, rows, sources) = CollectSubmission(root, SweepManifest.SweepStudy);
        if (SweepManifest.TryRead(root) is { } own && (own.Fingerprint != first.Fingerprint || own.Shard != ShardSpec.All))
        {
            throw new InputException(root, null, $"holds another sweep or shard (fingerprint {own.Fingerprint}, shard {own.Shard}) than its shards ({first.Fingerprint})", "delete its sweep.json, sweep.csv and points/ to merge again");
        }

        foreach (var (p, source) in sources.OrderBy(kv => kv.Key))
        {
            var from = SweepDirectory.PointDirectory(source, p);
            var files = Directory.GetFiles(from).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
            using var point = new AtomicDirectory(SweepDirectory.PointDirectory(root, p), files.Select(Path.GetFileName).OfType<string>());
            foreach (var file in files)
            {
                point.WriteAllBytes(Path.GetFileName(file), File.ReadAllBytes(file));
            }

            point.Commit();
        }

        (first with { Shard = ShardSpec.All }).Write(root);
        SweepDirectory.WriteCsv(root, Csv.CsvOutput.RowsToCsv(first.Columns, []), rows.Values);
        return rows.Count;
    }

    /// <summary>The shards of a cluster submission under <paramref name="root"/> (<c>shards/1</c> … <c>shards/N</c>), checked
    /// to be one <paramref name="study"/>, complete and covering every point: their manifest, the rows and the shard directory
    /// holding each point.</summary>
    /// <exception cref="InputException">No shards, another study, mismatched, duplicated or incomplete shards.</exception>
    public static (SweepManifest First, SortedDictionary<int, string> Rows, Dictionary<int, string> Sources) CollectSubmission(string root, string study)
    {
        var shards = SweepStatus.Shards(root);
        if (shards.Count == 0)
        {
            throw new InputException(root, null, $"holds no shard directories ({SweepStatus.ShardsFolder}/K/{SweepManifest.FileName})", "point it at the --out of a --submit run");
        }

        return Collect(shards.Values.Select(s => s.Directory).ToArray(), study);
    }

    private static (SweepManifest First, SortedDictionary<int, string> Rows, Dictionary<int, string> Sources) Collect(IReadOnlyList<string> shardDirectories, string study)
    {
        var manifests = shardDirectories
            .Select(d => SweepManifest.TryRead(d) ?? throw new InputException(d, null, $"no {SweepManifest.FileName}: not a sweep output directory"))
            .ToArray();
        var first = manifests[0];
        if (first.Study != study)
        {
            throw new InputException(shardDirectories[0], null, $"holds a shard of a {first.Study}, not of a {study}", first.Study == SweepManifest.SweepStudy ? "merge it with 'dessim merge'" : $"its merge is 'dessim {first.Study} … --merge-shards --out DIR' (the merge job of --submit)");
        }

        var seenShards = new HashSet<int>();
        for (int i = 0; i < manifests.Count(); i++)
        {
            var m = manifests[i];
            if (m.Study != first.Study || m.Fingerprint != first.Fingerprint || m.Points != first.Points || m.Replications != first.Replications || !m.Columns.SequenceEqual(first.Columns))
            {
                throw new InputException(shardDirectories[i], null, $"holds another sweep (fingerprint {m.Fingerprint}) than {shardDirectories[0]} ({first.Fingerprint})");
            }

            if (m.Shard.Count != first.Shard.Count || !seenShards.Add(m.Shard.Index))
            {
                throw new InputException(shardDirectories[i], null, $"shard {m.Shard} repeats or does not match shard {first.Shard}'s count");
            }
        }

        var rows = new SortedDictionary<int, string>();
        var sources = new Dictionary<int, string>();
        for (int i = 0; i < manifests.Length; i++)
        {
            var indices = Enumerable.Range(0, first.Points).Where(manifests[i].Shard.Contains).ToArray();
            var found = SweepDirectory.CompletedRows(shardDirectories[i], indices);
            var missing = indices.Where(p => !found.ContainsKey(p)).ToArray();
            if (missing.Length > 0)
            {
                throw new InputException(shardDirectories[i], null, $"shard {manifests[i].Shard} is incomplete: {missing.Length} of its {indices.Length} points have no row (first: point {missing[0]})", "rerun that shard with the same command; it resumes");
            }

            foreach (var (p, row) in found)
            {
                rows[p] = row;
                sources[p] = shardDirectories[i];
            }
        }

        var absent = Enumerable.Range(0, first.Points).Where(p => !rows.ContainsKey(p)).ToArray();
        if (absent.Length > 0)
        {
            throw new InputException("merge", null, $"{absent.Length} points belong to no given shard (first: point {absent[0]}); expected shards 1..{first.Shard.Count}", "pass every shard's output directory");
        }

        return (first, rows, sources);
    }
}
