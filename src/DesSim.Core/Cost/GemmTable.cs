using System.Globalization;
using CsvHelper;

namespace DesSim.Core.Cost;

/// <summary>Measured GEMM latencies on an (m, n, k) grid for one GPU and dtype, with interpolation.</summary>
/// <remarks>Source rows: <c>dtype,m,n,k,latency_ms</c> (see Cost/Data/NOTICE.md). Between grid points the achieved
/// throughput (FLOP/s) is interpolated trilinearly in log2(m), log2(n), log2(k); latency = FLOPs / throughput, so grid
/// points are reproduced exactly. Outside the grid, or next to a missing grid point, <see cref="TryLatencySeconds"/> returns false.</remarks>
public sealed class GemmTable
{
    private readonly double[] _m, _n, _k;          // log2 of grid values
    private readonly int[] _mValues, _nValues, _kValues;
    private readonly double[] _throughput;         // FLOP/s, NaN where missing; index (i·|n| + j)·|k| + l

    private GemmTable(int[] m, int[] n, int[] k, double[] throughput)
    {
        _mValues = m;
        _nValues = n;
        _kValues = k;
        _m = m.Select(v => Math.Log2(v)).ToArray();
        _n = n.Select(v => Math.Log2(v)).ToArray();
        _k = k.Select(v => Math.Log2(v)).ToArray();
        _throughput = throughput;
    }

    /// <summary>Measured points (m, n, k, latency seconds), in grid order.</summary>
    public IEnumerable<(int M, int N, int K, double LatencySeconds)> Points
    {
        get
        {
            for (int i = 0; i < _mValues.Length; i++)
            {
                for (int j = 0; j < _nValues.Length; j++)
                {
                    for (int l = 0; l < _kValues.Length; l++)
                    {
                        double tput = _throughput[Index(i, j, l)];
                        if (!double.IsNaN(tput))
                        {
                            yield return (_mValues[i], _nValues[j], _kValues[l], Flops(_mValues[i], _nValues[j], _kValues[l]) / tput);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Reads the rows of <paramref name="dtype"/> from a CSV stream; null when there are none.</summary>
    public static GemmTable? Load(Stream csv, string dtype)
    {
        var rows = new List<(int M, int N, int K, double Ms)>();
        using (var reader = CsvReader.Create(csv, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true, SkipEmptyLines = true }, leaveOpen: false))
        {
            while (reader.Read())
            {
                if (reader.GetString("dtype") == dtype)
                {
                    rows.Add((int.Parse(reader.GetString("m"), CultureInfo.InvariantCulture), int.Parse(reader.GetString("n"), CultureInfo.InvariantCulture), int.Parse(reader.GetString("k"), CultureInfo.InvariantCulture), double.Parse(reader.GetString("latency_ms"), CultureInfo.InvariantCulture)));
                }
            }
        }

        if (rows.Count == 0)
        {
            return null;
        }

        var m = rows.Select(r => r.M).Distinct().Order().ToArray();
        var n = rows.Select(r => r.N).Distinct().Order().ToArray();
        var k = rows.Select(r => r.K).Distinct().Order().ToArray();
        var tput = new double[m.Length * n.Length * k.Length];
        Array.Fill(tput, double.NaN);
        var table = new GemmTable(m, n, k, tput);
        foreach (var r in rows)
        {
            tput[table.Index(Array.BinarySearch(m, r.M), Array.BinarySearch(n, r.N), Array.BinarySearch(k, r.K))] = Flops(r.M, r.N, r.K) / (r.Ms * 1e-3);
        }

        return table;
    }

    /// <summary>Interpolated latency of an (m × k)·(k × n) GEMM in seconds; false outside the measured grid.</summary>
    public bool TryLatencySeconds(int m, int n, int k, out double seconds)
    {
        seconds = 0;
        if (!LogGrid.Bracket(_m, m, out int i, out double fi) || !LogGrid.Bracket(_n, n, out int j, out double fj) || !LogGrid.Bracket(_k, k, out int l, out double fl))
        {
            return false;
        }

        double acc = 0;
        for (int di = 0; di < 2; di++)
        {
            double wi = di == 0 ? 1 - fi : fi;
            if (wi == 0) continue;
            for (int dj = 0; dj < 2; dj++)
            {
                double wj = dj == 0 ? 1 - fj : fj;
                if (wj == 0) continue;
                for (int dl = 0; dl < 2; dl++)
                {
                    double wl = dl == 0 ? 1 - fl : fl;
                    if (wl == 0) continue;
                    double v = _throughput[Index(i + di, j + dj, l + dl)];
                    if (double.IsNaN(v))
                    {
                        return false;
                    }

                    acc += wi * wj * wl * v;
                }
            }
        }

        seconds = Flops(m, n, k) / acc;
        return true;
    }

    private static double Flops(int m, int n, int k) => 2.0 * m * n * k;

    private int Index(int i, int j, int l) => (((i * _n.Length) + j) * _k.Length) + l;
}
