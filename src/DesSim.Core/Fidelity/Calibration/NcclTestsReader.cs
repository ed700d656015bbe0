using DesSim.Core.Configuration;
using DesSim.Core.Cost;
using System.Globalization;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>Reads the plain-text output of NVIDIA's nccl-tests (<c>all_reduce_perf</c>, <c>all_gather_perf</c>, …).</summary>
/// <remarks>
/// Data lines have the columns <c>size count type redop root time algbw busbw #wrong</c> for the out-of-place run then
/// <c>time algbw busbw #wrong</c> for the in-place run (time in µs, size in bytes). Comment lines start with '#'. The op is
/// taken from the <c># Collective test starting: NAME_perf</c> header (else from the file name); the GPU count from the
/// <c>#  Rank N ...</c> device lines. The reported latency is the mean of the out-of-place and in-place times.
/// </remarks>
public static class NcclTestsReader
{
    private const double MicrosecondsPerSecond = 1e6;

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static IReadOnlyList<CollectiveSample> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, null, "file not found");
        }

        return Parse(InputFiles.ReadAllText(path).Split('\n').Select(l => l.TrimEnd('\r')).ToArray(), path);
    }

    /// <summary>Parses the lines of an nccl-tests log named <paramref name="source"/>.</summary>
    public static IReadOnlyList<CollectiveSample> Parse(IReadOnlyList<string> lines, string source)
    {
        string? op = OpFromName(Path.GetFileNameWithoutExtension(source));
        int ranks = 0;
        var samples = new List<CollectiveSample>();
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#'))
            {
                var body = line.TrimStart('#').Trim();
                if (body.StartsWith("Collective test starting:", StringComparison.Ordinal))
                {
                    op = OpFromName(body["Collective test starting:".Length..].Trim()) ?? op;
                }
                else if (body.StartsWith("Rank", StringComparison.Ordinal) && body.Contains("device", StringComparison.Ordinal))
                {
                    ranks++;
                }

                continue;
            }

            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8 || !long.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long bytes))
            {
                continue;
            }

            // Why: reductions have 'redop root' columns; gathers print 'none -1'; both are 13 columns with the in-place run.
            int t = 5;
            var times = new List<double>();
            foreach (int idx in new[] { t, t + 4 })
            {
                if (idx < f.Length && double.TryParse(f[idx], NumberStyles.Float, CultureInfo.InvariantCulture, out double us) && us > 0)
                {
                    times.Add(us);
                }
            }

            if (times.Count == 0)
            {
                throw new InputException(source, (i + 1).ToString(CultureInfo.InvariantCulture), $"no time in '{line}'", "expected: size count type redop root time algbw busbw #wrong time algbw busbw #wrong");
            }

            if (bytes > 0)
            {
                samples.Add(new CollectiveSample(op ?? "unknown", ranks, bytes, times.Average() / MicrosecondsPerSecond));
            }
        }

        if (samples.Count == 0)
        {
            throw new InputException(source, null, "no nccl-tests data lines found", "paste the whole output of e.g. all_reduce_perf -b 8 -e 8G -f 2 -g 8");
        }

        if (ranks == 0)
        {
            throw new InputException(source, null, "no '#  Rank N ... device' lines: the GPU count is unknown", "keep the header that nccl-tests prints");
        }

        return samples;
    }

    private static string? OpFromName(string name)
    {
        var n = name.ToLowerInvariant();
        foreach (var op in new[] { "all_reduce", "all_gather", "reduce_scatter", "alltoall", "sendrecv", "broadcast", "reduce" })
        {
            if (n.Contains(op, StringComparison.Ordinal))
            {
                return op;
            }
        }

        return null;
    }
}
