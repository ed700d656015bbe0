using System.Globalization;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;

namespace DesSim.Benchmarks;

/// <summary>Best colocated layout versus best prefill/decode split for Llama-3.1-70B on 16 H100 (2 nodes), Poisson chat
/// load (about 2K prompt / 256 output tokens) near the colocated capacity; then the simulation-speed check: a PD run of the
/// Azure conversation trace against the colocated run of the same trace (<c>--trace</c>, else the shipped 10-minute sample).</summary>
/// <remarks>
/// Nothing is tuned: every layout runs the same engine (vLLM, its defaults), workload, seed and SLO. Goodput is measured
/// as DistServe does: a layout's SLO capacity is the highest request rate at which at least <see cref="CapacityAttainment"/>
/// of requests meet the SLO (found by search, per layout). "Near capacity" is found, not chosen: every layout is then run at
/// the best colocated layout's capacity. The SLO is TPOT ≤ 25 ms with TTFT ≤ 2 s (so a queue that grows without bound does
/// not count as good). Prints capacity, goodput, p99 TPOT, p99 TTFT and the share of GPU time in KV transfer. The speed
/// check pairs the PD run with two colocated runs of the same trace on the same 8 GPUs.
/// </remarks>
public sealed class DisaggregationBenchmark : IBenchmark
{
    /// <summary>SLO attainment that defines a layout's SLO capacity (DistServe's goodput uses 90%).</summary>
    public const double CapacityAttainment = 0.9;

    private const string SampleTrace = "traces/azure-conv-10min.csv";

    /// <summary>First probe of the capacity search, req/s (a third of the colocated capacity found on a first look).</summary>
    private const double FirstRate = 2;

    /// <summary>Largest rate probed, req/s (far above what 16 GPUs serve of this load).</summary>
    private const double MaxRate = 64;

    /// <summary>The capacity search stops when its bracket is this narrow, req/s.</summary>
    private const double RateResolution = 0.125;

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
        ("PD 1P2D TP8/TP4", "disaggregation: { prefill: { instances: 1, tp: 8 }, decode: { instances: 2, tp: 4 } }"),
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
        output.WriteLine(Inv($"SLO capacity: highest rate with SLO attainment >= {CapacityAttainment} (probes {FirstRate:F0}, x2 until it fails, then bisection to {RateResolution:F2} req/s)"));
        var layouts = Colocated.Concat(Splits).ToArray();
        var capacities = layouts.Select(l =>
        {
            var (rate, probes) = Capacity(l.Yaml, requests);
            output.WriteLine(Inv($"  {l.Label,-27} capacity {rate,6:F2} req/s ({probes} runs)"));
            return rate;
        }).ToArray();
        int bestColocated = Enumerable.Range(0, Colocated.Length).MaxBy(i => capacities[i]);
        int bestSplit = Enumerable.Range(Colocated.Length, Splits.Length).MaxBy(i => capacities[i]);
        output.WriteLine(Inv($"best colocated: {layouts[bestColocated].Label} {capacities[bestColocated]:F2} req/s; best PD: {layouts[bestSplit].Label} {capacities[bestSplit]:F2} req/s; PD/colocated SLO capacity {capacities[bestSplit] / capacities[bestColocated]:F3}"));

        double at = capacities[bestColocated];
        output.WriteLine(Inv($"every layout at the best colocated capacity, {at:F2} req/s:"));
        output.WriteLine("kv_share: kv_transfer_share (GPU seconds with a KV transfer open, layerwise streaming during the final prefill pass included, overlapping compute); kv_e2el: mean exposed kv_transfer_ms / mean E2EL");
        output.WriteLine("layout                      cap(req/s)  goodput(req/s)  attain  p99_tpot_ms  p50_tpot_ms  p99_ttft_ms  p50_ttft_ms  kv_xfer_ms_p50  kv_wait_ms_p99  kv_share  kv_e2el");
        for (int i = 0; i < layouts.Length; i++)
        {
            var s = Summary(layouts[i].Yaml, at, requests);
            output.WriteLine(Inv($"{layouts[i].Label,-27} {capacities[i],10:F2}  {s.Goodput,14:F3}  {s.SloAttainment,6:F3}  {s.TpotMs.P99,11:F2}  {s.TpotMs.Median,11:F2}  {s.TtftMs.P99,11:F1}  {s.TtftMs.Median,11:F1}  {s.KvTransferMs?.Median ?? 0,14:F2}  {s.KvWaitMs?.P99 ?? 0,14:F2}  {s.KvTransferShare ?? 0,8:F4}  {(s.KvTransferMs?.Mean ?? 0) / s.E2elMs.Mean,7:F4}"));
        }

        WallTime(options, output);
    }

    // Highest rate with attainment >= CapacityAttainment: doubling from FirstRate until a probe fails, then bisection.
    private static (double Rate, int Probes) Capacity(string layout, int requests)
    {
        int probes = 0;
        bool Holds(double rate)
        {
            probes++;
            return Summary(layout, rate, requests).SloAttainment >= CapacityAttainment;
        }

        double lo = 0, hi = FirstRate;
        while (hi <= MaxRate && Holds(hi))
        {
            lo = hi;
            hi *= 2;
        }

        while (hi - lo > RateResolution)
        {
            double mid = (lo + hi) / 2;
            if (Holds(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo, probes);
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
        // Why two colocated runs: TP4xDP2 has the same instances as the PD run (two TP4 engines on the 8 GPUs), so the ratio
        // isolates the cost of the hand-off machinery; TP4xPP2 is the layout of the azure-conv-hour benchmark.
        (string Label, Scenario Scenario)[] runs =
        [
            ("colocated TP4xDP2", BenchScenarios.Parse(YamlFor("parallelism: { tp: 4, pp: 1, dp: 2 }"), "pd-speed-dp2")),
            ("colocated TP4xPP2", BenchScenarios.Parse(YamlFor("parallelism: { tp: 4, pp: 2, dp: 1 }"), "pd-speed-pp2")),
            ("PD 1P1D TP4/TP4", BenchScenarios.Parse(YamlFor("disaggregation: { prefill: { instances: 1, tp: 4 }, decode: { instances: 1, tp: 4 } }"), "pd-speed-pd")),
        ];
        int repeats = options.Quick ? 1 : 3;
        var walls = runs.Select(_ => new List<double>()).ToArray();
        for (int i = 0; i < repeats; i++)
        {
            for (int k = 0; k < runs.Length; k++)
            {
                var m = BenchScenarios.Measure(runs[k].Scenario);
                walls[k].Add(m.WallSeconds);
                output.WriteLine($"speed run {i + 1}: {runs[k].Label,-17} {BenchScenarios.Describe(m)}");
            }
        }

        double[] best = walls.Select(w => w.Min()).ToArray();
        output.WriteLine(Inv($"wall best of {repeats}: {runs[0].Label} {best[0]:F3} s, {runs[1].Label} {best[1]:F3} s, {runs[2].Label} {best[2]:F3} s"));
        output.WriteLine(Inv($"PD/colocated wall: vs TP4xDP2 (same instances) {best[2] / best[0]:F3}, vs TP4xPP2 {best[2] / best[1]:F3} (target <= 1.5)"));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
