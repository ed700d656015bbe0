namespace DesSim.Core.Scenarios;

/// <summary>Named serving-engine overhead presets (see docs/calibration.md for sources).</summary>
/// <remarks>
/// Every value below is either fitted (and says on which data) or an estimate (and says so). None was tuned on the
/// held-out validation rows. Units: ms and µs as named in the constants.
/// </remarks>
public static class EngineOverheadsCatalog
{
    /// <summary>vLLM per-iteration overhead, ms. Source: <c>dessim calibrate --runs</c> fit on the Splitwise A100
    /// Llama-2-70B TP2 and TP8 rows (TP4 held out); see docs/calibration.md. The engine behind those measurements is the
    /// Splitwise paper's setup, not a confirmed vLLM version: treat as an estimate for vLLM.</summary>
    public const double VllmIterationMs = 2.887;

    /// <summary>vLLM overhead per TP all-reduce ring step, µs. Source: the same fit as <see cref="VllmIterationMs"/>.</summary>
    public const double VllmCollectiveStepUs = 13.48;

    /// <summary>TensorRT-LLM per-iteration overhead, ms. Source: estimate — C++ runtime with in-flight batching and CUDA
    /// graphs for decode keeps host work small; not fitted to any measurement.</summary>
    public const double TrtllmIterationMs = 0.5;

    /// <summary>SGLang per-iteration overhead, ms. Source: estimate — Python scheduler overlapped with GPU work
    /// ("zero-overhead batch scheduler", SGLang v0.4 release notes) and CUDA graphs for decode; not fitted.</summary>
    public const double SglangIterationMs = 1.0;

    private static readonly Dictionary<string, EngineOverheads> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = EngineOverheads.None,
        ["vllm"] = new("vllm", VllmIterationMs / 1e3, 0, VllmCollectiveStepUs / 1e6),
        ["trtllm"] = new("trtllm", TrtllmIterationMs / 1e3, 0, 0),
        ["sglang"] = new("sglang", SglangIterationMs / 1e3, 0, 0),
    };

    /// <summary>The preset used when a scenario names none.</summary>
    public static EngineOverheads Default => EngineOverheads.None;

    /// <summary>Preset names.</summary>
    public static IReadOnlyCollection<string> Names => Presets.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Looks up a preset by name.</summary>
    public static bool TryGet(string name, out EngineOverheads preset) => Presets.TryGetValue(name.Trim(), out preset!);
}
