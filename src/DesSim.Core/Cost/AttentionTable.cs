using System.Globalization;
using CsvHelper;

namespace DesSim.Core.Cost;

/// <summary>Measured attention latencies for one (heads, kv_heads, KV dtype) per TP rank, on a (batch, length) grid.</summary>
/// <remarks>Rows: <c>kv_dtype,heads,kv_heads,batch,length,latency_ms</c> (Cost/Data/NOTICE.md); head_dim 128. Context
/// (prefill) tables: length = new tokens per sequence, no cached prefix; the rate interpolated is FLOP/s with FLOPs =
/// 2·heads·128·batch·length² (causal). A chunk of n new tokens on c cached ones is looked up at length c + n (its rows of
/// that causal kernel, at that kernel's rate; <see cref="LayerKernels"/>); beyond the longest measured length the rate of
/// the longest is used (the tables' rate is flat there: H100 bf16 32/8 heads, batch 1, 507 TFLOP/s at both 8,192 and
/// 16,384). Generation (decode) tables: length = keys per sequence; the rate is keys/s. Rates are interpolated
/// bilinearly in log2(batch), log2(length), so grid points are reproduced exactly; outside the grid (batch, or decode
/// length) or next to a missing point, the lookup fails.</remarks>
public sealed class AttentionTable
{
    private const int HeadDim = 128;
    private readonly double[] _b, _l;
    private readonly double[] _rate;
    private readonly int _heads;
    private readonly bool _context;
    private readonly int _maxLength;

    private AttentionTable(int[] batches, int[] lengths, double[] rate, int heads, bool context)
    {
        _b = batches.Select(v => Math.Log2(v)).ToArray();
        _l = lengths.Select(v => Math.Log2(v)).ToArray();
        _rate = rate;
        _heads = heads;
        _context = context;
        _maxLength = lengths[^1];
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
        int length = _context ? Math.Min(kernel.N, _maxLength) : kernel.N;
        if (!TryRate(kernel.M, length, out double acc))
        {
            seconds = 0;
            return false;
        }

        // Why: the kernel's own work (with cached prefixes and uneven lengths) over the rate measured at its mean shape.
        double work = _context ? kernel.Flops : kernel.Flops / (4.0 * _heads * HeadDim);
        seconds = work / acc;
        return true;
    }

    /// <summary>Seconds a generation (decode) table gives for <paramref name="sequences"/> queries of one token reading
    /// <paramref name="keysPerSequence"/> keys each; false for a context table or outside the grid.</summary>
    public bool TryKeySeconds(int sequences, int keysPerSequence, out double seconds)
    {
        seconds = 0;
        if (_context || !TryRate(sequences, keysPerSequence, out double keysPerSecond))
        {
            return false;
        }

        seconds = (double)sequences * keysPerSequence / keysPerSecond;
        return true;
    }

    /// <summary>The rate (FLOP/s or keys/s) interpolated at (<paramref name="batch"/>, <paramref name="length"/>).</summary>
    private bool TryRate(int batch, int length, out double acc)
    {
        acc = 0;
        if (!LogGrid.Bracket(_b, batch, out int i, out double fi) || !LogGrid.Bracket(_l, length, out int j, out double fj))
        {
            return false;
        }

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
                    acc = 0;
                    return false;
                }

                acc += wi * wj * v;
            }
        }

        return true;
    }

    private static int Int(CsvReader r, string name) => int.Parse(r.GetString(name), CultureInfo.InvariantCulture);
}
