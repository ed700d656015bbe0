using System.Globalization;
using System.Text;
using DesSim.Core.Workload;
using DesSim.Engine;
using static DesSim.Core.Tests.Workload.WorkloadTestKit;

namespace DesSim.Core.Tests.Workload;

public sealed class StreamingTests
{
    private static string BigTrace(int rows)
    {
        var path = Path.Combine(TempDir(), "big.csv");
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.Write("arrival_s,input_tokens,output_tokens\n");
        for (int i = 0; i < rows; i++)
        {
            w.Write(string.Create(CultureInfo.InvariantCulture, $"{i * 0.001:F3},{100 + (i % 900)},{1 + (i % 300)}\n"));
        }

        return path;
    }

    [Test]
    public void RetainedMemoryDoesNotGrowWithRowsConsumed()
    {
        const int rows = 300_000;
        var path = BigTrace(rows);
        using var opened = WorkloadFactory.Open(new TraceWorkloadSpec(path), new RandomStreams(1));
        var source = opened.Source;
        long early = 0;
        long count = 0;
        while (source.TryNext(out _))
        {
            count++;
            if (count == 20_000)
            {
                early = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        long late = GC.GetTotalMemory(forceFullCollection: true);
        Assert.That(count, Is.EqualTo(rows));
        // 280,000 more rows consumed; a source that kept them would hold > 10 MB more.
        Assert.That(late - early, Is.LessThan(1_000_000), $"retained memory grew from {early} to {late} bytes");
    }

    [Test]
    public void SourceReadsAtMostTheReorderWindowAheadOfWhatItOffered()
    {
        var path = BigTrace(50_000);
        var diagnostics = new WorkloadDiagnostics();
        var spec = new TraceWorkloadSpec(path) { ReorderWindowRows = 100 };
        using var source = new TraceReplaySource(TraceFiles.OpenRows(path, TraceFormat.Auto, false, diagnostics), spec, diagnostics, new RandomStreams(1));
        for (int i = 1; i <= 1000; i++)
        {
            Assert.That(source.TryNext(out _), Is.True);
            Assert.That(diagnostics.RowsRead - i, Is.LessThanOrEqualTo(101));
        }
    }
}
