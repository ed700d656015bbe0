using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Benchmarks;

/// <summary>Streams a large generated Azure-format trace through the replay source: rows/s and peak memory vs. a 10× smaller file.</summary>
/// <remarks>
/// Files are written to a temporary directory and deleted afterwards (10 M rows ≈ 400 MB; <c>--quick</c>: 1 M rows).
/// The small file runs first, so the process's peak working set after the large run shows any growth with trace length.
/// </remarks>
public sealed class TraceStreamBenchmark : IBenchmark
{
    private const int FullRows = 10_000_000; // the 10-million-row trace
    private const int QuickRows = 1_000_000;
    private const int SizeRatio = 10; // small file = rows / 10
    private const double MeanGapSeconds = 0.05; // 20 requests/s, about the Azure conversation trace's rate
    private const int SampleEveryRows = 50_000; // how often live managed memory is sampled (after a full GC)

    /// <inheritdoc />
    public string Name => "trace-stream";

    /// <inheritdoc />
    public string Description => "replay a 10 M-row (--quick: 1 M) Azure trace: rows/s, peak memory vs. a 10x smaller file";

    /// <inheritdoc />
    public void Run(BenchOptions options, TextWriter output)
    {
        bool quick = options.Quick;
        int rows = quick ? QuickRows : FullRows;
        var dir = Path.Combine(Path.GetTempPath(), "dessim-trace-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        try
        {
            var small = Path.Combine(dir, "small.csv");
            var large = Path.Combine(dir, "large.csv");
            var sw = Stopwatch.StartNew();
            Generate(small, rows / SizeRatio);
            Generate(large, rows);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {rows / SizeRatio:N0} + {rows:N0} rows ({new FileInfo(large).Length / 1e6:F0} MB) in {sw.Elapsed.TotalSeconds:F1} s"));
            Measure(small); // warm-up: JIT and tiering, so both timed runs use optimized code
            var a = Measure(small);
            output.WriteLine(Line(a));
            var b = Measure(large);
            output.WriteLine(Line(b));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set ratio (large / small, {SizeRatio}x rows): {b.PeakWorkingSetBytes / (double)a.PeakWorkingSetBytes:F2}; peak live heap ratio: {b.PeakHeapBytes / (double)a.PeakHeapBytes:F2}"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Line(Result r) => string.Create(
        CultureInfo.InvariantCulture,
        $"rows={r.Rows,12:N0}  rate={r.RowsPerSecond / 1e6,6:F2} M rows/s  peak working set={r.PeakWorkingSetBytes / 1e6,7:F1} MB  peak live managed heap={r.PeakHeapBytes / 1e6,7:F1} MB");

    /// <summary>Replays <paramref name="path"/> and measures it.</summary>
    public static Result Measure(string path)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long peakHeap = GC.GetTotalMemory(forceFullCollection: true);
        var sw = Stopwatch.StartNew();
        long rows = 0;
        long tokens = 0;
        using (var opened = WorkloadFactory.Open(new TraceWorkloadSpec(path), new RandomStreams(1)))
        {
            while (opened.Source.TryNext(out var r))
            {
                rows++;
                tokens += r.InputTokens + r.OutputTokens;
                if (rows % SampleEveryRows == 0)
                {
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: true));
                }
            }
        }

        sw.Stop();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new Result(rows, rows / sw.Elapsed.TotalSeconds, self.PeakWorkingSet64, peakHeap, tokens);
    }

    private static void Generate(string path, int rows)
    {
        var rng = new RandomStream(7);
        var start = new DateTime(2023, 11, 16, 18, 15, 46, DateTimeKind.Unspecified);
        long ticks = start.Ticks;
        using var csv = CsvWriter.ToFile(path);
        csv.WriteHeader(["TIMESTAMP", "ContextTokens", "GeneratedTokens"]);
        for (int i = 0; i < rows; i++)
        {
            ticks += (long)rng.NextExponential(MeanGapSeconds * TimeSpan.TicksPerSecond);
            csv.WriteField(new DateTime(ticks).ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
            csv.WriteField((1 + rng.Next(8000)).ToString(CultureInfo.InvariantCulture));
            csv.WriteField((1 + rng.Next(1000)).ToString(CultureInfo.InvariantCulture));
            csv.EndRecord();
        }
    }

    /// <summary>One measured replay.</summary>
    public sealed record Result(long Rows, double RowsPerSecond, long PeakWorkingSetBytes, long PeakHeapBytes, long Tokens);
}
