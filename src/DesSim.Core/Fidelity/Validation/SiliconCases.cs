using System.Globalization;
using System.Reflection;
using DesSim.Core.Fidelity.Calibration;
using DesSim.Core.Configuration;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Fidelity.Validation;

/// <summary>The public silicon suite: measured closed-loop runs of Qwen3-32B on H100 under vLLM, SGLang and TensorRT-LLM,
/// each re-run as a DesSim closed-loop scenario with the row's engine, layout, precision, lengths and concurrency.</summary>
/// <remarks>
/// Source: Fidelity/Validation/Data/silicon_qwen3_32b_h100.csv (NOTICE.md there). Hold-out split, fixed before any fit and the same
/// for every engine: every row with <see cref="HeldOutOutputTokens"/> output tokens, the 4000×1000 configuration (a
/// length pair measured nowhere else), and every row of a version other than the engine's
/// <see cref="FitVersions">fit version</see> are held out; the rest are fit rows. Holding out a whole output length keeps every TP degree on both sides, so held-out rows form TP-order pairs.
/// Benchmark client: <see cref="RequestsPerUser"/> × concurrency requests, the first <see cref="WarmupRequestsPerUser"/> ×
/// concurrency of them warm-up (see <see cref="BenchmarkClientStats"/>). Deterministic.
/// </remarks>
public static class SiliconCases
{
    /// <summary>Where the measurements come from.</summary>
    public const string Citation = "ai-dynamo/aiconfigurator silicon runs, Qwen3-32B H100-SXM (Apache-2.0)";

    /// <summary>Output length whose rows are all held out.</summary>
    public const int HeldOutOutputTokens = 512;

    /// <summary>Output length of the 4000×1000 configuration, held out as a whole.</summary>
    public const int HeldOutLongOutputTokens = 1000;

    /// <summary>Requests per closed-loop user. Source: estimate — NVIDIA's genai-perf examples send
    /// <c>--request-count</c> = 10 × concurrency; the campaign's own request counts are not in the public file.</summary>
    public const int RequestsPerUser = 10;

    /// <summary>Warm-up requests per user, not counted. Source: estimate — the same examples use
    /// <c>--warmup-request-count</c> = 2 × concurrency.</summary>
    public const int WarmupRequestsPerUser = 2;

    /// <summary>The version per engine whose non-held-out rows are fit rows (the version with most rows).</summary>
    public static readonly IReadOnlyDictionary<string, string> FitVersions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["vllm"] = "0.12.0",
        ["sglang"] = "0.5.1.post1",
        ["trtllm"] = "1.0.0rc3",
    };

    /// <summary>Reads the embedded rows in file order.</summary>
    public static IReadOnlyList<SiliconRow> Load()
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("DesSim.Core.Fidelity.Validation.Data.silicon_qwen3_32b_h100.csv")
            ?? throw new InvalidOperationException("embedded silicon data missing");
        var t = CsvTable.Load(s, "silicon_qwen3_32b_h100.csv");
        t.Require("engine", "version", "precision", "isl", "osl", "concurrency", "tp", "pp", "ttft_ms", "tpot_ms");
        var rows = new List<SiliconRow>(t.Rows.Count);
        for (int i = 0; i < t.Rows.Count; i++)
        {
            rows.Add(new SiliconRow(t.Text(i, "engine"), t.Text(i, "version"), t.Text(i, "precision"), t.PositiveInt(i, "isl"), t.PositiveInt(i, "osl"),
                t.PositiveInt(i, "concurrency"), t.PositiveInt(i, "tp"), t.PositiveInt(i, "pp"), t.Positive(i, "ttft_ms"), t.Positive(i, "tpot_ms")));
        }

        return rows;
    }

    /// <summary>Whether <paramref name="row"/> is held out (see the class remarks).</summary>
    public static bool IsHeldOut(SiliconRow row) =>
        row.OutputTokens is HeldOutOutputTokens or HeldOutLongOutputTokens || !FitVersions.TryGetValue(row.Engine, out var v) || v != row.Version;

    /// <summary>The scenario YAML of one row. <paramref name="engine"/> is the scenario's <c>engine:</c> value.</summary>
    public static string ScenarioYaml(SiliconRow row, string engine) => string.Create(CultureInfo.InvariantCulture, $$"""
        name: silicon-{{row.Id}}
        model: qwen3-32b
        precision: {{row.Precision}}
        cluster: { gpu: h100, nodes: 1, gpus_per_node: 8 }
        parallelism: { tp: {{row.Tp}}, pp: {{row.Pp}}, dp: 1 }
        engine: {{engine}}
        cost_model: measured
        workload:
          requests: {{RequestsPerUser * row.Concurrency}}
          arrival: { process: closed-loop, concurrency: {{row.Concurrency}} }
          input_tokens: {{row.InputTokens}}
          output_tokens: {{row.OutputTokens}}
        """);

    /// <summary>The engine value a row runs with: the row's engine at the row's version (docs/engines.md; an unmodeled
    /// version runs as the nearest older modeled one).</summary>
    public static string EngineFor(SiliconRow row) => $"{{ name: {row.Engine}, version: \"{row.Version}\" }}";

    /// <summary>Predicted (mean TTFT, mean TPOT) in ms for one row, as the benchmark client reports them.</summary>
    public static (double TtftMs, double TpotMs) Predict(SiliconRow row)
    {
        var yaml = ScenarioYaml(row, EngineFor(row));
        var root = YamlDocumentLoader.Parse(yaml, row.Id);
        var scenario = ScenarioLoader.Read(root, row.Id + ".yaml", Directory.GetCurrentDirectory());
        var run = ScenarioRunner.Run(scenario);
        var (ttft, tpot, _) = BenchmarkClientStats.Measure(run.Result.Requests, (long)WarmupRequestsPerUser * row.Concurrency);
        return (ttft, tpot);
    }

    /// <summary>Runs every row; two cases (TTFT, TPOT) per row, grouped by engine and version.</summary>
    public static IReadOnlyList<ValidationCase> Run(IReadOnlyList<SiliconRow>? rows = null)
    {
        rows ??= Load();
        var cases = new List<ValidationCase>(2 * rows.Count);
        foreach (var row in rows)
        {
            var (ttft, tpot) = Predict(row);
            var role = IsHeldOut(row) ? "held-out" : "fit";
            var group = $"{row.Engine} {row.Version}";
            cases.Add(new ValidationCase(row.Id, "TTFT", "ms", row.TtftMs, ttft, role, Citation) { Group = group, PairKey = row.PairKey, Tp = row.Tp });
            cases.Add(new ValidationCase(row.Id, "TPOT", "ms", row.TpotMs, tpot, role, Citation) { Group = group, PairKey = row.PairKey, Tp = row.Tp });
        }

        return cases;
    }
}
