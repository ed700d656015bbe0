using System.Diagnostics;
using System.Globalization;
using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;

namespace DesSim.Benchmarks;

/// <summary>Builds benchmark scenarios from YAML text and runs them with wall-time, GC and memory counters.</summary>
/// <remarks>Scenarios are parsed exactly like files (<see cref="ScenarioLoader.Read"/>), so a benchmark measures what
/// <c>dessim run</c> simulates; output files are not written (the simulation and the result tables are timed).</remarks>
public static class BenchScenarios
{
    /// <summary>Parses a scenario; relative paths resolve against the current directory.</summary>
    public static Scenario Parse(string yaml, string name) =>
        ScenarioLoader.Read(YamlDocumentLoader.Parse(yaml, "bench:" + name), name, Directory.GetCurrentDirectory());

    /// <summary>The synthetic workload of <c>synthetic-1m</c> and <c>scaling</c>: Poisson arrivals, lognormal lengths,
    /// Llama-3.1-8B on 4 DP replicas of TP2 × PP1 (8×H100).</summary>
    public static Scenario SyntheticDp4(int requests) => Dp4("synthetic-dp4", string.Create(CultureInfo.InvariantCulture, $$"""
          requests: {{requests}}
          arrival: { process: poisson, rate: {{SyntheticRatePerSecond}} }
          input_tokens: { dist: lognormal, mean: 512, sigma: 0.8, max: 8000 }
          output_tokens: { dist: lognormal, mean: 128, sigma: 0.8, max: 2000 }
        """));

    /// <summary>Llama-3.1-8B on 4 DP replicas of TP2 × PP1 (8×H100) with <paramref name="workload"/> (the lines of the
    /// <c>workload:</c> mapping, indented by two under it).</summary>
    public static Scenario Dp4(string name, string workload) => Parse(
        $$"""
        name: {{name}}
        seed: 1
        model: llama-3.1-8b
        precision: bf16
        cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 8 }
        parallelism: { tp: 2, pp: 1, dp: 4 }
        scheduler: { policy: vllm, max_num_seqs: 256, max_num_batched_tokens: 8192 }
        router: least-outstanding
        cost_model: measured
        workload:
        {{workload}}
        """,
        name);

    /// <summary>Arrival rate of <see cref="SyntheticDp4"/> (requests/s over the 4 replicas): a busy but stable load.</summary>
    public const double SyntheticRatePerSecond = 80;

    /// <summary>Runs <paramref name="scenario"/> once and measures it.</summary>
    public static Measurement Measure(Scenario scenario)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long alloc0 = GC.GetTotalAllocatedBytes(precise: false);
        long peakHeap = 0;
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var run = ScenarioRunner.Run(scenario, _ => peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false)));
        sw.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new Measurement(
            run,
            sw.Elapsed.TotalSeconds,
            cpu.TotalSeconds,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            GC.GetTotalAllocatedBytes(precise: false) - alloc0,
            peakHeap,
            process.PeakWorkingSet64);
    }

    /// <summary>One line with the run's rates and counters.</summary>
    public static string Describe(Measurement m)
    {
        var s = m.Run.Result.Summary;
        long requests = s.RequestsCompleted + s.RequestsRejected;
        return string.Create(CultureInfo.InvariantCulture,
            $"wall {m.WallSeconds,7:F3} s (cpu {m.CpuSeconds:F3} s)  {requests / m.WallSeconds,10:N0} req/s  {m.Run.EventsProcessed / m.WallSeconds / 1e6,5:F2} M events/s  " +
            $"({requests:N0} req, {m.Run.EventsProcessed:N0} events, {s.DurationSeconds:F0} s simulated)  " +
            $"GC {m.Gen0}/{m.Gen1}/{m.Gen2}  alloc {m.AllocatedBytes / 1e6:F0} MB  peak heap {m.PeakHeapBytes / 1e6:F0} MB  peak WS {m.PeakWorkingSetBytes / 1e6:F0} MB  " +
            $"[ttft p50 {s.TtftMs.Median:F2} ms, tpot p50 {s.TpotMs.Median:F3} ms]");
    }
}
