using System.Globalization;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;

namespace DesSim.Cli.Bench;

/// <summary>Best colocated layout versus best prefill/decode split for Llama-3.1-70B on 16 H100 (2 nodes), Poisson chat
/// load (about 2K prompt / 256 output tokens) near the colocated capacity; then the simulation-speed check: a PD run of the
/// Azure conversation trace against the colocated run of the same trace (<c>--trace</c>, else the shipped 10-minute sample).</summary>
/// <remarks>
/// Nothing is tuned: every layout runs the same engine (vLLM, its defaults), workload, seed and SLO. "Near capacity" is
/// found, not chosen: the highest rate of a fixed ladder at which the best colocated layout still meets the SLO for at
/// least <see cref="CapacityAttainment"/> of requests. The SLO is TPOT ≤ 25 ms with TTFT ≤ 2 s (so a queue that grows
/// without bound does not count as good). Prints goodput, p99 TPOT, p99 TTFT and the share of GPU time in KV transfer.
/// </remarks>
public sealed class DisaggregationBenchmark : IBenchmark
{
    /// <summary>SLO attainment that defines the colocated capacity on the rate ladder.</summary>
    public const double CapacityAttainment = 0.9;

    private const string SampleTrace = "traces/azure-conv-10min.csv";

    private static readonly double[] Rates = [2, 4, 6, 8, 10, 12, 14, 16];

    private static readonly (string Label, string Yaml)[] Colocated =
    [
        ("colocated TP4xDP4", "parallelism: { tp: 4, pp: 1, dp: 4 }"),
        ("colocated TP8xDP2", "parallelism: { tp: 8, pp: 1, dp: 2 }"),
        ("colocated TP4xPP2xDP2", "parallelism: { tp: 4, pp: 2, dp: 2 }"),
    ];

    private static readonly (string Label, string Yaml)[] Splits =
    [
        ("PD 1P3D TP4/TP4", "disaggregation: { prefill: { instances: 1, tp: 4 }, decode: { instances: 3, tp: 4 } }"),
        ("PD 2P2D TP4/TP4", "disaggregation: { prefill: { instances: 2, tp: 4 }, decode: { instances: 2, tp: 4 } }"),
        ("PD 3P1D TP4/TP4", "disaggregation: { prefill: { instances: 3, tp: 4 }, decode: { instances: 1, tp: 4 } }"),
        ("PD 1P1D TP8/TP8", "disaggregation: { prefill: { instances: 1, tp: 8 }, decode: { instances: 1, tp: 8 } }"),
        ("PD 2P1D TP4/TP8", "disaggregation: { prefill: { instances: 2, tp: 4 }, decode: { instances: 1, tp: 8 } }"),
    ];

    /// <inheritdoc />
    public string Name => "pd";

    /// <inheritdoc />
    public string Description => "best colocated vs best PD split, Llama-3.1-70B on 16xH100, chat ~2K/256 near capacity; PD vs colocated wall time on the Azure conversation trace";

    /// <inheritdoc />
    public void Run(BenchOptions options, TextWriter output)
    {
        int requests = options.Quick ? 300 : 1200;
        output.WriteLine($"load: Poisson, prompt ~ normal(2048, 512) tokens, output ~ normal(256, 64), {requests} requests per point; SLO tpot <= 25 ms, ttft <= 2000 ms; engine vllm");
        double capacity = Rates[0];
        foreach (double rate in Rates)
        {
            var (label, s) = Colocated.Select(c => (c.Label, S: Summary(c.Yaml, rate, requests))).MaxBy(c => c.S.SloAttainment);
            output.WriteLine(Inv($"ladder rate {rate,5:F1} req/s: best colocated {label} attainment {s.SloAttainment:F3}"));
            if (s.SloAttainment < CapacityAttainment)
            {
                break;
            }

            capacity = rate;
        }

        output.WriteLine(Inv($"colocated capacity (highest ladder rate with attainment >= {CapacityAttainment}): {capacity:F1} req/s; comparing every layout there"));
        output.WriteLine("layout                      goodput(req/s)  attain  p99_tpot_ms  p99_ttft_ms  p50_ttft_ms  kv_xfer_ms_p50  kv_wait_ms_p99  kv_gpu_share");
        var rows = Colocated.Concat(Splits).Select(l => (l.Label, S: Summary(l.Yaml, capacity, requests))).ToList();
        foreach (var (label, s) in rows)
        {
            output.WriteLine(Inv($"{label,-27} {s.Goodput,14:F3}  {s.SloAttainment,6:F3}  {s.TpotMs.P99,11:F2}  {s.TtftMs.P99,11:F1}  {s.TtftMs.Median,11:F1}  {s.KvTransferMs?.Median ?? 0,14:F2}  {s.KvWaitMs?.P99 ?? 0,14:F2}  {s.KvTransferShare ?? 0,12:F4}"));
        }

        var bestColocated = rows.Take(Colocated.Length).MaxBy(r => r.S.Goodput);
        var bestSplit = rows.Skip(Colocated.Length).MaxBy(r => r.S.Goodput);
        output.WriteLine(Inv($"best colocated: {bestColocated.Label} goodput {bestColocated.S.Goodput:F3} req/s; best PD: {bestSplit.Label} goodput {bestSplit.S.Goodput:F3} req/s; PD/colocated goodput ratio {bestSplit.S.Goodput / bestColocated.S.Goodput:F3}"));

        WallTime(options, output);
    }

    private static RunSummary Summary(string layout, double rate, int requests)
    {
        var yaml = string.Create(CultureInfo.InvariantCulture, $$"""
            name: pd-bench
            seed: 42
            model: llama-3.1-70b
            precision: bf16
            engine: vllm
            cluster: { gpu: h100-sxm, nodes: 2, gpus_per_node: 8, intra_node: nvswitch, inter_node: ib-ndr }
            {{layout}}
            router: least-outstanding
            cost_model: measured
            link_model: link-level
            workload:
              requests: {{requests}}
              arrival: { process: poisson, rate: {{rate}} }
              input_tokens: { dist: normal, mean: 2048, std: 512, min: 16, max: 8192 }
              output_tokens: { dist: normal, mean: 256, std: 64, min: 1, max: 1024 }
            slo: { ttft_ms: 2000, tpot_ms: 25 }
            outputs: { timeseries_step_s: 0, chrome_trace: false }
            """);
        return ScenarioRunner.Run(BenchScenarios.Parse(yaml, "pd")).Result.Summary;
    }

    // The simulation-speed target: a PD run of the trace takes at most 1.5x the colocated run's wall time.
    private static void WallTime(BenchOptions options, TextWriter output)
    {
        string trace = Path.GetFullPath(options.TracePath ?? SampleTrace);
        if (options.TracePath is null)
        {
            output.WriteLine($"note: no --trace given: the speed check replays the shipped 10-minute sample {SampleTrace}, NOT the hour");
        }

        string quoted = trace.Replace("'", "''", StringComparison.Ordinal);
        string YamlFor(string layout) => $$"""
            name: pd-speed
            seed: 42
            model: llama-3.1-70b
            precision: bf16
            cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 8, intra_node: nvswitch, inter_node: ib-ndr }
            {{layout}}
            scheduler: { policy: vllm, max_num_seqs: 256, max_num_batched_tokens: 8192, block_size: 16, gpu_memory_utilization: 0.9 }
            cost_model: measured
            link_model: link-level
            workload:
              trace: '{{quoted}}'
            """;
        var colocated = BenchScenarios.Parse(YamlFor("parallelism: { tp: 4, pp: 2, dp: 1 }"), "pd-speed-colocated");
        var pd = BenchScenarios.Parse(YamlFor("disaggregation: { prefill: { instances: 1, tp: 4 }, decode: { instances: 1, tp: 4 } }"), "pd-speed-pd");
        int repeats = options.Quick ? 1 : 3;
        var c = new List<double>();
        var p = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            var mc = BenchScenarios.Measure(colocated);
            var mp = BenchScenarios.Measure(pd);
            c.Add(mc.WallSeconds);
            p.Add(mp.WallSeconds);
            output.WriteLine($"speed run {i + 1}: colocated TP4xPP2 {BenchScenarios.Describe(mc)}");
            output.WriteLine($"speed run {i + 1}: PD 1P1D TP4/TP4 {BenchScenarios.Describe(mp)}");
        }

        c.Sort();
        p.Sort();
        output.WriteLine(Inv($"wall best: colocated {c[0]:F3} s, PD {p[0]:F3} s, PD/colocated = {p[0] / c[0]:F3} (target <= 1.5)"));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
