using System.Globalization;

namespace DesSim.Benchmarks;

/// <summary>The full Azure conversation hour (19,366 requests) on Llama-3.1-70B TP4 × PP2, 8×H100, measured cost model,
/// link-level transfers.</summary>
/// <remarks>The full trace is not shipped: pass it with <c>--trace PATH</c>. Without it the benchmark replays the shipped
/// 10-minute sample (traces/azure-conv-10min.csv) and says so; that figure is not the hour's.</remarks>
public sealed class AzureConvHourBenchmark : IBenchmark
{
    private const string SampleTrace = "traces/azure-conv-10min.csv"; // shipped 10-minute excerpt (see traces/README.md)
    private const int Repeats = 3; // best and median of 3

    /// <inheritdoc />
    public string Name => "azure-conv-hour";

    /// <inheritdoc />
    public string Description => "Azure conversation hour on Llama-3.1-70B TP4xPP2, 8xH100, measured costs, link-level (needs --trace)";

    /// <inheritdoc />
    public void Run(BenchOptions options, TextWriter output)
    {
        string trace;
        if (options.TracePath is { } given)
        {
            trace = Path.GetFullPath(given);
            if (!File.Exists(trace))
            {
                throw new Core.InputException("bench", "--trace", $"trace file '{trace}' does not exist", "pass the full Azure conversation trace, e.g. --trace AzureLLMInferenceTrace_conv.csv");
            }
        }
        else
        {
            trace = Path.GetFullPath(SampleTrace);
            output.WriteLine($"note: no --trace given: replaying the shipped 10-minute sample {SampleTrace}, NOT the full hour (pass --trace AzureLLMInferenceTrace_conv.csv)");
            if (!File.Exists(trace))
            {
                throw new Core.InputException("bench", "--trace", $"no --trace given and the sample '{trace}' is missing", "run from the repository root or pass --trace PATH");
            }
        }

        var yaml = string.Create(CultureInfo.InvariantCulture, $$"""
            name: azure-conv-hour
            seed: 42
            model: llama-3.1-70b
            precision: bf16
            cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 8, intra_node: nvswitch, inter_node: ib-ndr }
            parallelism: { tp: 4, pp: 2, dp: 1 }
            scheduler: { policy: vllm, max_num_seqs: 256, max_num_batched_tokens: 8192, block_size: 16, gpu_memory_utilization: 0.9 }
            cost_model: measured
            link_model: link-level
            workload:
              trace: '{{trace.Replace("'", "''", StringComparison.Ordinal)}}'
            """);
        var scenario = BenchScenarios.Parse(yaml, Name);
        int repeats = options.Quick ? 1 : Repeats;
        var walls = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            var m = BenchScenarios.Measure(scenario);
            walls.Add(m.WallSeconds);
            output.WriteLine($"run {i + 1}: {BenchScenarios.Describe(m)}");
        }

        walls.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall best {walls[0]:F3} s, median {walls[walls.Count / 2]:F3} s over {walls.Count} run(s)"));
    }
}
