using DesSim.Core.Scheduling;
using System.Globalization;
using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>Simulates a <see cref="MeasuredRun"/>: one replica, a static batch of identical requests all arriving at t = 0,
/// measured cost model, and the given engine overheads.</summary>
/// <remarks>The batch runs as one prefill iteration then decode iterations together (<c>scheduler.policy: static</c>), which
/// is how SplitwiseSim's perf_model rows were measured. Deterministic.</remarks>
public static class StaticBatchSimulator
{
    /// <summary>Fraction of GPU memory the engine may use. Source: estimate — vLLM's default is 0.9; the Splitwise
    /// measurements ran batches of up to 64 × 640 tokens on Llama-2-70B at TP2, which needs the larger share.</summary>
    public const double GpuMemoryUtilization = 0.95;

    /// <summary>The scenario YAML for <paramref name="run"/> (for inspection and reuse).</summary>
    public static string ScenarioYaml(MeasuredRun run)
    {
        int gpus = run.Tp * run.Pp;
        int perNode = Math.Max(8, gpus);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            name: {{Safe(run.Id)}}
            model: {{run.Model}}
            precision: {{run.Precision}}
            cluster: { gpu: {{run.Gpu}}, nodes: 1, gpus_per_node: {{perNode}} }
            parallelism: { tp: {{run.Tp}}, pp: {{run.Pp}}, dp: 1 }
            scheduler: { policy: static, max_num_seqs: {{run.Batch}}, max_num_batched_tokens: {{(long)run.Batch * run.InputTokens}}, gpu_memory_utilization: {{GpuMemoryUtilization}} }
            cost_model: measured
            workload:
              requests: {{run.Batch}}
              arrival: { process: burst }
              input_tokens: {{run.InputTokens}}
              output_tokens: {{run.OutputTokens}}
            """);
    }

    /// <summary>Predicts <paramref name="run"/> with <paramref name="engine"/>.</summary>
    /// <exception cref="InputException">The run's model, GPU or layout is invalid.</exception>
    public static RunPrediction Predict(MeasuredRun run, EngineOverheads engine)
    {
        var result = Simulate(run, engine);
        double ttft = result.Requests.Max(r => r.TtftMs);
        var tpots = result.Requests.Select(r => r.TpotMs).Where(double.IsFinite).ToArray();
        double tpot = tpots.Length > 0 ? tpots.Average() : double.NaN;
        return new RunPrediction(ttft, tpot, result.Notes);
    }

    /// <summary>Simulates <paramref name="run"/> with <paramref name="engine"/> and returns the whole result.</summary>
    /// <exception cref="InputException">The run's model, GPU or layout is invalid.</exception>
    public static Metrics.RunResult Simulate(MeasuredRun run, EngineOverheads engine)
    {
        var root = YamlDocumentLoader.Parse(ScenarioYaml(run), run.Id);
        var scenario = ScenarioLoader.Read(root, run.Id + ".yaml", Directory.GetCurrentDirectory()) with { Engine = engine };
        return ScenarioRunner.Run(scenario).Result;
    }

    private static string Safe(string id) => new(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
