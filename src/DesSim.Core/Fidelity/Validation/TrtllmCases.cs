using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Scheduling;
using DesSim.Core.Scheduling.Engines.Trtllm;
using System.Globalization;
using System.Reflection;
using DesSim.Core.Fidelity.Calibration;
using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Fidelity.Validation;

/// <summary>TensorRT-LLM v0.17's published maximum-throughput table (Llama-3.1-70B FP8, H100 SXM, TP 1–8) as validation cases.</summary>
/// <remarks>Source: Fidelity/Validation/Data/trtllm_v0.17_llama31_70b_h100.csv (NOTICE.md there), embedded unchanged. Each case
/// submits <see cref="Requests"/> identical requests at t = 0 and compares output tokens/s over the run, as
/// <c>trtllm-bench throughput</c> produced the table: TensorRT-LLM 0.17 with the limits <c>trtllm-bench build</c> picks for
/// the case (<see cref="TrtllmBenchSettings"/>), chunked context and MAX_UTILIZATION (its runtime defaults), the KV cache
/// at 0.9 of the memory free after weights and activations, and TensorRT-LLM's own all-reduce (see
/// <see cref="Parallelism.KvCacheBudget"/>, <see cref="Cost.CustomAllReduce"/>).</remarks>
public static class TrtllmCases
{
    /// <summary>The summary group of these cases.</summary>
    public const string Group = "trtllm v0.17 table (llama-3.1-70b)";

    /// <summary>Requests per case. Source: estimate — the doc's runs used 1,000–30,000 requests; 1,000 keeps the
    /// suite under a minute while the drain tail stays a small part of the run.</summary>
    public const int Requests = 1000;

    /// <summary>The model of the table.</summary>
    public const string Model = "llama-3.1-70b";

    /// <summary>The GPU of the table.</summary>
    public const string Gpu = "h100";

    /// <summary>The scenario YAML of one case, run as trtllm-bench runs it: TensorRT-LLM 0.17 (C++ executor) with chunked
    /// context and MAX_UTILIZATION (trtllm-bench's runtime defaults), FP8 weights and KV cache, and the max_batch_size and
    /// max_num_tokens <c>trtllm-bench build</c> picks for the case's lengths (<see cref="TrtllmBenchSettings"/>).</summary>
    public static string ScenarioYaml(int tp, int input, int output)
    {
        var (batch, tokens) = TrtllmBenchSettings.Calc(ModelCatalog.Get(Model), Precision.Fp8, Precision.Fp8, GpuCatalog.Get(Gpu), tp, 1, input, output);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            name: trtllm-h100-tp{{tp}}-{{input}}-{{output}}
            model: {{Model}}
            precision: fp8
            kv_cache_dtype: fp8
            cluster: { gpu: {{Gpu}}, nodes: 1, gpus_per_node: 8 }
            parallelism: { tp: {{tp}}, pp: 1, dp: 1 }
            engine: { name: trtllm, version: "0.17.0", options: { capacity_scheduler_policy: MAX_UTILIZATION, enable_chunked_prefill: true } }
            scheduler: { max_num_seqs: {{batch}}, max_num_batched_tokens: {{tokens}} }
            cost_model: measured
            workload:
              requests: {{Requests}}
              arrival: { process: burst }
              input_tokens: {{input}}
              output_tokens: {{output}}
            """);
    }

    /// <summary>Runs every case with <paramref name="engine"/>.</summary>
    public static IReadOnlyList<ValidationCase> Run(EngineOverheads engine)
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("DesSim.Core.Fidelity.Validation.Data.trtllm_v0.17_llama31_70b_h100.csv")
            ?? throw new InvalidOperationException("embedded TensorRT-LLM data missing");
        var t = CsvTable.Load(s, "trtllm_v0.17_llama31_70b_h100.csv");
        t.Require("case_id", "source", "tp", "pp", "input_len", "output_len", "value");
        var cases = new List<ValidationCase>(t.Rows.Count);
        for (int i = 0; i < t.Rows.Count; i++)
        {
            int tp = t.PositiveInt(i, "tp"), input = t.PositiveInt(i, "input_len"), output = t.PositiveInt(i, "output_len");
            var root = YamlDocumentLoader.Parse(ScenarioYaml(tp, input, output), t.Text(i, "case_id"));
            var scenario = ScenarioLoader.Read(root, t.Text(i, "case_id") + ".yaml", Directory.GetCurrentDirectory()) with { Engine = engine };
            var predicted = ScenarioRunner.Run(scenario).Result.Summary.OutputThroughput;
            cases.Add(new ValidationCase(t.Text(i, "case_id"), "throughput", "tok/s", t.Positive(i, "value"), predicted, "unfitted", t.Text(i, "source")) { Group = Group });
        }

        return cases;
    }
}
