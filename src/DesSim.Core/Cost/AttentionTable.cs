using System.Globalization;
using CsvHelper;

namespace DesSim.Core.Cost;

/// <summary>Measured attention latencies for one (heads, kv_heads, KV dtype) per TP rank, on a (batch, length) grid.</summary>
/// <remarks>Rows: <c>kv_dtype,heads,kv_heads,batch,length,latency_ms</c> (Cost/Data/NOTICE.md); head_dim 128. Context
/// (prefill) tables: length = new tokens per sequence, no cached prefix; the rate interpolated is FLOP/s with FLOPs =
/// 2·heads·128·batch·length² (causal). Generation (decode) tables: length = keys per sequence; the rate is keys/s.
/// Rates are interpolated bilinearly in log2(batch), log2(length), so grid points are reproduced exactly; outside the
/// grid or next to a missing point, the lookup fails.</remarks>
public sealed class AttentionTable
{
    private const int HeadDim = 128;
    private readonly double[] _b, _l;
    private readonly double[] _rate;
    private readonly int _heads;
    private readonly bool _context;

    private AttentionTable(int[] batches, int[] lengths, double[] rate, int heads, bool context)
    {
        _b = batches.Select(v => Math.Log2(v)).ToArray();
        _l = lengths.Select(v => Math.Log2(v)).ToArray();
        _rate = rate;
        _heads = heads;
        _context = context;
    }

    /// <summary>Reads the rows for one head configuration; null when there are none.</summary>
    public static AttentionTable? Load(Stream csv, bool context, string kvDtype, int heads, int kvHeads)
    {
        var rows = new List<(int B, int L, double Ms)>();
        using (var reader = CsvReader.Create(csv, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true, SkipEmptyLines = true }, leaveOpen: false))
        {
            while (reader.Read())
            {
                if (reader.GetString("kv_dtype") == kvDtype && Int(reader, "heads") == heads && Int(reader, "kv_heads") == kvHeads)
                {
                    rows.Add((Int(reader, "batch"), Int(reader, "length"), double.Parse(reader.GetString("latency_ms"), CultureInfo.InvariantCulture)));
                }
            }
        }

        if (rows.Count == 0)
        {
            return null;
        }

        var b = rows.Select(r => r.B).Distinct().Order().ToArray();
        var l = rows.Select(r => r.L).Distinct().Order().ToArray();
        var rate = new double[b.Length * l.Length];
        Array.Fill(rate, double.NaN);
        foreach (var r in rows)
        {
            double work = context ? 2.0 * heads * HeadDim * r.B * (double)r.L * r.L : (double)r.B * r.L;
            rate[(Array.BinarySearch(b, r.B) * l.Length) + Array.BinarySearch(l, r.L)] = work / (r.Ms * 1e-3);
        }

        return new AttentionTable(b, l, rate, heads, context);
    }

    /// <summary>Seconds for an attention kernel built by <see cref="LayerKernels"/>; false outside the measured grid.</summary>
    public bool TrySeconds(in Kernel kernel, out double seconds)
    {
        seconds = 0;
        if (!LogGrid.Bracket(_b, kernel.M, out int i, out double fi) || !LogGrid.Bracket(_l, kernel.N, out int j, out double fj))
        {
            return false;
        }

        double acc = 0;
        for (int di = 0; di < 2; di++)
        {
            double wi = di == 0 ? 1 - fi : fi;
            for (int dj = 0; dj < 2 && wi > 0; dj++)
            {
                double wj = dj == 0 ? 1 - fj : fj;
                if (wj == 0)
                {
                    continue;
                }

                double v = _rate[((i + di) * _l.Length) + j + dj];
                if (double.IsNaN(v))
                {
                    return false;
                }

                acc += wi * wj * v;
            }
        }

        // Why: the kernel's own work (with cached prefixes and uneven lengths) over the rate measured at its mean shape.
        double work = _context ? kernel.Flops : kernel.Flops / (4.0 * _heads * HeadDim);
        seconds = work / acc;
        return true;
    }

    private static int Int(CsvReader r, string name) => int.Parse(r.GetString(name), CultureInfo.InvariantCulture);

}
