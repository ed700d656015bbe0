using DesSim.Reporting.Charts;

namespace DesSim.Reporting.Tests.Charts;

/// <summary>Deterministic sample charts of every kind, shaped like a real run's, for tests and visual checks.</summary>
internal static class SampleCharts
{
    public static Plot LatencyCdf()
    {
        var random = new Random(7);
        var ttft = Enumerable.Range(0, 5000).Select(_ => 40 + (60 * -Math.Log(1 - random.NextDouble()))).ToArray();
        var e2el = ttft.Select(t => (t * 3) + 200 + (random.NextDouble() * 400)).ToArray();
        var plot = new Plot { Title = "Latency CDF" };
        plot.XAxis.Label = "Latency";
        plot.XAxis.Unit = "ms";
        plot.XAxis.Scale = AxisScale.Log;
        plot.AddCdf(ttft, "TTFT", "ms");
        plot.AddCdf(e2el, "E2EL", "ms");
        plot.AddVerticalLine(500, "TTFT SLO 500 ms");
        return plot;
    }

    public static Plot QueueTimeSeries()
    {
        var times = Enumerable.Range(0, 121).Select(i => i * 0.5).ToArray();
        var queue = times.Select(t => Math.Round(20 + (15 * Math.Sin(t / 6)) + (t > 30 && t < 40 ? 30 : 0))).ToArray();
        var plot = new Plot { Title = "Queue length and running batch" };
        plot.XAxis.Label = "Simulated time";
        plot.XAxis.Unit = "s";
        plot.YAxis.Label = "Requests";
        plot.AddBand(30, 40, "GPU fault");
        plot.AddStep(times, queue, "queued");
        plot.AddStep(times, times.Select(t => Math.Round(32 + (8 * Math.Cos(t / 4)))).ToArray(), "running batch");
        return plot;
    }

    public static Plot GpuBreakdown()
    {
        var gpus = Enumerable.Range(0, 8).Select(i => $"r0 gpu{i}").ToArray();
        var values = gpus.Select((_, i) =>
        {
            var compute = 0.55 - (0.02 * i);
            var tp = 0.12;
            var pp = 0.04;
            var bubble = 0.05 + (0.015 * i);
            return (IReadOnlyList<double>)[compute, tp, pp, 0.02, bubble, 1 - compute - tp - pp - 0.02 - bubble];
        }).ToArray();
        var plot = new Plot { Title = "Where the time goes, per GPU" };
        plot.XAxis.Label = "Share of simulated time";
        plot.XAxis.Min = 0;
        plot.XAxis.Max = 1;
        var bars = plot.AddStackedBars(gpus, RunCharts.TimeBreakdownSegments, values);
        bars.SegmentColors = Palette.TimeBreakdown;
        return plot;
    }

    public static Plot PipelineGantt(out IReadOnlyList<GanttSpan> spans)
    {
        // 4 stages, 6 micro-batches, forward only: stage s runs mb m at (m + s) * 10 ms for 9 ms, plus a transfer gap.
        var list = new List<GanttSpan>();
        for (var m = 0; m < 6; m++)
        {
            for (var s = 0; s < 4; s++)
            {
                list.Add(new GanttSpan(s, ((m + s) * 10.0) + s, 9, $"mb {m}"));
            }
        }

        spans = list;
        var plot = new Plot { Title = "Pipeline timeline (replica 0)" };
        plot.XAxis.Label = "Simulated time";
        plot.XAxis.Unit = "ms";
        plot.AddGantt(["stage0 gpu0", "stage1 gpu1", "stage2 gpu2", "stage3 gpu3"], list, 5, 85);
        return plot;
    }

    public static Plot SweepP99()
    {
        var rates = new double[] { 1, 2, 4, 8, 16 };
        var plot = new Plot { Title = "p99 TTFT vs request rate" };
        plot.XAxis.Label = "Request rate";
        plot.XAxis.Unit = "req/s";
        plot.YAxis.Label = "p99 TTFT";
        plot.YAxis.Unit = "ms";
        plot.YAxis.Scale = AxisScale.Log;
        foreach (var (layout, k) in new[] { ("TP8", 1.0), ("TP4 PP2", 1.6), ("TP2 PP4", 2.5) })
        {
            plot.AddLine(rates, rates.Select(r => 80 * k * Math.Exp(r / (6 * k))).ToArray(), layout).ShowMarkers = true;
        }

        plot.AddHorizontalLine(500, "SLO 500 ms");
        return plot;
    }

    public static Plot ParetoScatter()
    {
        double[] latency = [120, 150, 180, 240, 260, 400, 90, 300];
        double[] throughput = [900, 1300, 1250, 1700, 1500, 1900, 600, 1650];
        string[] labels = ["TP8", "TP4 PP2", "TP4 DP2", "TP2 PP4", "TP2 DP4", "PP8", "TP8 small batch", "DP8"];
        var plot = new Plot { Title = "Throughput per GPU vs p99 latency" };
        plot.XAxis.Label = "p99 E2EL";
        plot.XAxis.Unit = "ms";
        plot.YAxis.Label = "Output throughput per GPU";
        plot.YAxis.Unit = "tok/s";
        plot.AddScatter(latency, throughput, "layouts", labels);
        plot.AddParetoFrontier(latency, throughput);
        return plot;
    }

    public static IReadOnlyList<(string Name, Plot Plot)> All() =>
    [
        ("latency-cdf", LatencyCdf()),
        ("queue-timeseries", QueueTimeSeries()),
        ("gpu-breakdown", GpuBreakdown()),
        ("pipeline-gantt", PipelineGantt(out _)),
        ("sweep-p99", SweepP99()),
        ("pareto", ParetoScatter()),
    ];
}
