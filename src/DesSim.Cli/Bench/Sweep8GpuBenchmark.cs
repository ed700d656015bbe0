using System.Diagnostics;
using System.Globalization;
using DesSim.Core.Scenarios;

namespace DesSim.Cli.Bench;

/// <summary>A layout search on 8×H100: every TP × PP × DP layout of 8 GPUs (10) × 8 arrival rates × 5,000 requests,
/// points run in parallel on every core.</summary>
/// <remarks>Each point parses its own scenario and plans its own deployment (cost models are not thread-safe), so points
/// share nothing mutable and every point's result is the same as a serial run's. Model: Llama-3.1-8B (fits on one GPU,
/// so all 10 layouts are valid); workload: the synthetic Poisson/lognormal mix of <c>synthetic-1m</c>.
/// <c>--quick</c>: 500 requests per point.</remarks>
public sealed class Sweep8GpuBenchmark : IBenchmark
{
    private const int FullRequests = 5_000; // the per-point size
    private const int QuickRequests = 500;
    private static readonly double[] RatesPerSecond = [10, 20, 40, 60, 80, 100, 120, 140]; // from light load to overload of the slowest layouts

    /// <inheritdoc />
    public string Name => "sweep-8gpu";

    /// <inheritdoc />
    public string Description => "10 layouts (tp*pp*dp = 8) x 8 rates x 5,000 requests in parallel on all cores: wall, points/s";

    /// <summary>The 10 layouts (tp, pp, dp) with tp · pp · dp = 8.</summary>
    public static IReadOnlyList<(int Tp, int Pp, int Dp)> Layouts()
    {
        var list = new List<(int, int, int)>();
        foreach (int tp in (int[])[1, 2, 4, 8])
        {
            foreach (int pp in (int[])[1, 2, 4, 8])
            {
                if (tp * pp <= 8)
                {
                    list.Add((tp, pp, 8 / (tp * pp)));
                }
            }
        }

        return list;
    }

    /// <inheritdoc />
    public void Run(BenchOptions options, TextWriter output)
    {
        int requests = options.Quick ? QuickRequests : FullRequests;
        var layouts = Layouts();
        int points = layouts.Count * RatesPerSecond.Length;
        var pointSeconds = new double[points];
        var events = new long[points];
        var completed = new long[points];
        RunPoint(layouts[0], RatesPerSecond[0], QuickRequests / 10); // warm-up (JIT)
        var sw = Stopwatch.StartNew();
        Parallel.For(0, points, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p =>
        {
            var t = Stopwatch.StartNew();
            var run = RunPoint(layouts[p / RatesPerSecond.Length], RatesPerSecond[p % RatesPerSecond.Length], requests);
            pointSeconds[p] = t.Elapsed.TotalSeconds;
            events[p] = run.EventsProcessed;
            completed[p] = run.Result.Summary.RequestsCompleted;
        });
        sw.Stop();
        double serial = pointSeconds.Sum();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{layouts.Count} layouts x {RatesPerSecond.Length} rates x {requests:N0} requests = {points} points on {Environment.ProcessorCount} threads: " +
            $"wall {sw.Elapsed.TotalSeconds:F2} s, {points / sw.Elapsed.TotalSeconds:F2} points/s, {completed.Sum() / sw.Elapsed.TotalSeconds:N0} req/s, " +
            $"{events.Sum() / sw.Elapsed.TotalSeconds / 1e6:F2} M events/s; sum of point times {serial:F2} s (parallel speed-up x{serial / sw.Elapsed.TotalSeconds:F2}); slowest point {pointSeconds.Max():F2} s"));
    }

    private static ScenarioRun RunPoint((int Tp, int Pp, int Dp) layout, double rate, int requests) =>
        ScenarioRunner.Run(BenchScenarios.Parse(
            string.Create(CultureInfo.InvariantCulture, $$"""
            name: sweep-point
            seed: 1
            model: llama-3.1-8b
            precision: bf16
            cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 8 }
            parallelism: { tp: {{layout.Tp}}, pp: {{layout.Pp}}, dp: {{layout.Dp}} }
            scheduler: { policy: vllm, max_num_seqs: 256, max_num_batched_tokens: 8192 }
            router: least-outstanding
            cost_model: measured
            workload:
              requests: {{requests}}
              arrival: { process: poisson, rate: {{rate}} }
              input_tokens: { dist: lognormal, mean: 512, sigma: 0.8, max: 8000 }
              output_tokens: { dist: lognormal, mean: 128, sigma: 0.8, max: 2000 }
            """),
            "sweep-8gpu"));
}
