using System.Globalization;
using CsvHelper;

namespace DesSim.Core.Cost;

/// <summary>Measured NCCL collective latencies by op, GPU count and message size (one node), with log-log interpolation.</summary>
/// <remarks>Rows: <c>op,num_gpus,bytes,latency_ms</c> (see Cost/Data/NOTICE.md). Ops: all_reduce, all_gather,
/// reduce_scatter, alltoall. Message size in bytes (the source's half-precision element counts × 2).</remarks>
public sealed class NcclTable
{
    private readonly Dictionary<(string Op, int Gpus), (double[] LogBytes, double[] LogSeconds)> _curves;

    private NcclTable(Dictionary<(string, int), (double[], double[])> curves) => _curves = curves;

    /// <summary>Reads the table from a CSV stream.</summary>
    public static NcclTable Load(Stream csv)
    {
        var rows = new List<(string Op, int Gpus, long Bytes, double Ms)>();
        using (var reader = CsvReader.Create(csv, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true, SkipEmptyLines = true }, leaveOpen: false))
        {
            while (reader.Read())
            {
                rows.Add((reader.GetString("op"), int.Parse(reader.GetString("num_gpus"), CultureInfo.InvariantCulture), long.Parse(reader.GetString("bytes"), CultureInfo.InvariantCulture), double.Parse(reader.GetString("latency_ms"), CultureInfo.InvariantCulture)));
            }
        }

        var curves = rows.GroupBy(r => (r.Op, r.Gpus)).ToDictionary(
            g => g.Key,
            g =>
            {
                var sorted = g.OrderBy(r => r.Bytes).ToArray();
                return (sorted.Select(r => Math.Log(r.Bytes)).ToArray(), sorted.Select(r => Math.Log(r.Ms * 1e-3)).ToArray());
            });
        return new NcclTable(curves);
    }

    /// <summary>Latency of <paramref name="op"/> over <paramref name="gpus"/> GPUs for <paramref name="bytes"/>; false when not measured.</summary>
    /// <remarks>Below the smallest measured size the smallest size's latency is used (latency-bound); above the largest, false.</remarks>
    public bool TryLatencySeconds(string op, int gpus, long bytes, out double seconds)
    {
        seconds = 0;
        if (!_curves.TryGetValue((op, gpus), out var c) || bytes <= 0)
        {
            return false;
        }

        double x = Math.Log(bytes);
        var xs = c.LogBytes;
        if (x > xs[^1] + 1e-12)
        {
            return false;
        }

        if (x <= xs[0])
        {
            seconds = Math.Exp(c.LogSeconds[0]);
            return true;
        }

        int hi = 1;
        while (xs[hi] < x)
        {
            hi++;
        }

        double f = (x - xs[hi - 1]) / (xs[hi] - xs[hi - 1]);
        seconds = Math.Exp(c.LogSeconds[hi - 1] + (f * (c.LogSeconds[hi] - c.LogSeconds[hi - 1])));
        return true;
    }
}
