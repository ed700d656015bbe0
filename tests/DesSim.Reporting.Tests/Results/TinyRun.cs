using System.Globalization;
using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;
using DesSim.Reporting.Results;

namespace DesSim.Reporting.Tests.Results;

/// <summary>A real run small enough for unit tests: Llama-3.1-8B on 2×H100 as TP1×PP2, synthetic Poisson load with
/// lognormal lengths (so the random streams are exercised), measured cost model, time series and trace on.</summary>
internal static class TinyRun
{
    /// <summary>Requests in the default tiny run.</summary>
    public const int DefaultRequests = 50;

    private static readonly Lazy<ScenarioRun> Default = new(() => Run());

    /// <summary>The default run (shared; read-only).</summary>
    public static ScenarioRun Shared => Default.Value;

    /// <summary>Runs the scenario afresh.</summary>
    /// <param name="requests">Request count.</param>
    /// <param name="outputs">The <c>outputs:</c> mapping, flow style.</param>
    public static ScenarioRun Run(int requests = DefaultRequests, string outputs = "{ timeseries_step_s: 0.5, timeline: { start_s: 0, duration_s: 2 } }")
    {
        var yaml = $"""
            name: tiny
            seed: 7
            model: llama-3.1-8b
            precision: bf16
            cluster: {"{"} gpu: h100-sxm, nodes: 1, gpus_per_node: 2, intra_node: nvswitch {"}"}
            parallelism: {"{"} tp: 1, pp: 2 {"}"}
            cost_model: measured
            scheduler: {"{"} policy: vllm, max_num_seqs: 64, max_num_batched_tokens: 4096 {"}"}
            workload:
              requests: {requests.ToString(CultureInfo.InvariantCulture)}
              arrival: {"{"} process: poisson, rate: 20 {"}"}
              input_tokens: {"{"} dist: lognormal, mean: 600, sigma: 0.7, max: 4000 {"}"}
              output_tokens: {"{"} dist: lognormal, mean: 120, sigma: 0.6, max: 1000 {"}"}
            slo: {"{"} ttft_ms: 200, tpot_ms: 20 {"}"}
            outputs: {outputs}
            """;
        var scenario = ScenarioLoader.Read(YamlDocumentLoader.Parse(yaml, "tiny.yaml"), "tiny.yaml", Path.GetTempPath());
        return ScenarioRunner.Run(scenario);
    }

    /// <summary>Writes <paramref name="run"/>'s outputs (with report.html) into a fresh temporary directory.</summary>
    public static string WriteToTemp(ScenarioRun run)
    {
        var dir = Path.Combine(Path.GetTempPath(), "dessim-report-tests", Guid.NewGuid().ToString("N"));
        RunOutputs.Write(run, dir, report: true);
        return dir;
    }

    /// <summary>Deletes a directory made by <see cref="WriteToTemp"/>.</summary>
    public static void Delete(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
