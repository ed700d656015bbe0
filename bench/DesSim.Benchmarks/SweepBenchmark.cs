using System.Diagnostics;
using System.Globalization;
using DesSim.Core.Studies;
using DesSim.Reporting.Sweeps;

namespace DesSim.Benchmarks;

/// <summary>A 10-layout × 8-rate sweep of Llama-3.1-70B on one 8×H100 node, 5,000 requests per point: wall time and rates.</summary>
/// <remarks>The 10 layouts: the 7 TP × PP × DP layouts that fit in bf16, plus TP8, TP2×DP4 and TP1×PP2×DP4 in fp8 (the last two fit
/// only with fp8 weights). Rates 1–16 req/s span light load to far past saturation. Runs the real sweep path (expansion, parallel
/// runner, files) into a temporary directory, one simulation per core.</remarks>
public sealed class SweepBenchmark : IBenchmark
{
    private const int Requests = 5_000; // the benchmark size
    private const int QuickRequests = 500;

    private const string Scenario = """
        name: bench-sweep
        seed: 42
        model: llama-3.1-70b
        precision: bf16
        cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 8, intra_node: nvswitch }
        parallelism: { tp: 8, pp: 1, dp: 1 }
        router: least-outstanding
        workload:
          requests: 5000
          arrival: { process: poisson, rate: 4 }
          input_tokens: { dist: lognormal, mean: 1024, sigma: 0.8, max: 8000 }
          output_tokens: { dist: lognormal, mean: 256, sigma: 0.8, max: 2000 }
        outputs: { timeseries_step_s: 0, chrome_trace: false }
        """;

    private const string Rates = "[1, 2, 3, 4, 6, 8, 12, 16]";

    /// <inheritdoc />
    public string Name => "sweep-8gpu";

    /// <inheritdoc />
    public string Description => "10 layouts x 8 rates x 5,000 requests, Llama-3.1-70B on 8xH100: wall time (target <= 60 s on 2 cores)";

    /// <inheritdoc />
    public void Run(BenchOptions options, TextWriter output)
    {
        var dir = Path.Combine(Path.GetTempPath(), "dessim-bench-sweep-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            int requests = options.Quick ? QuickRequests : Requests;
            var scenario = Path.Combine(dir, "scenario.yaml");
            File.WriteAllText(scenario, Scenario);
            var bf16 = Path.Combine(dir, "bf16.yaml");
            File.WriteAllText(bf16, $"layouts: all\naxes:\n  workload.arrival.rate: {Rates}\n");
            var fp8 = Path.Combine(dir, "fp8.yaml");
            File.WriteAllText(fp8, $"layouts: [{{ tp: 8 }}, {{ tp: 2, pp: 1 }}, {{ tp: 1, pp: 2 }}]\naxes:\n  workload.arrival.rate: {Rates}\n");
            var sets = new[] { $"workload.requests={requests}" };
            var total = Stopwatch.StartNew();
            var a = SweepExpander.Expand(scenario, sets, SweepGridReader.Load(bf16), bf16);
            var b = SweepExpander.Expand(scenario, [.. sets, "precision=fp8"], SweepGridReader.Load(fp8), fp8);
            var points = a.Points.Concat(b.Points).Select((p, i) => p with { Index = i }).ToArray();
            var plan = a with { Points = points, Fingerprint = a.Fingerprint + b.Fingerprint };
            double expandSeconds = total.Elapsed.TotalSeconds;
            var run = Stopwatch.StartNew();
            // The same wiring as the CLI's SweepExecution (the benchmark program does not reference the CLI).
            var outDir = Path.Combine(dir, "out");
            var pointTable = SweepPointFiles.Table(plan);
            using (var store = SweepStore.Open(plan, outDir, ShardSpec.All))
            {
                SweepStudy.Run(plan, store, ShardSpec.All, Environment.ProcessorCount, (point, result) => SweepPointFiles.Write(plan, pointTable, outDir, point, result));
            }

            double runSeconds = run.Elapsed.TotalSeconds;
            var table = SweepCsv.Read(Path.Combine(dir, "out", SweepDirectory.CsvFileName));
            long completed = table.Rows.Sum(r => (long)table.Number(r, "requests_completed"));
            int layouts = points.Select(p => (p.Layout, p.Scenario.Deployment.WeightPrecision)).Distinct().Count();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"points={points.Length} ({layouts} layouts x 8 rates)  requests/point={requests:N0}  workers={Environment.ProcessorCount}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"expand+validate={expandSeconds:F2} s  run={runSeconds:F2} s  wall={total.Elapsed.TotalSeconds:F2} s"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rate={points.Length / runSeconds:F2} points/s  {completed / runSeconds:N0} simulated requests/s  mean {runSeconds * Environment.ProcessorCount / points.Length:F2} core-s/point"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
