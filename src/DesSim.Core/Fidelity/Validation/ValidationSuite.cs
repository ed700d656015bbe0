using DesSim.Core.Fidelity.Calibration;
using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Fidelity.Validation;

/// <summary>The bundled validation suite: SplitwiseSim's A100 runs (TTFT = batch prefill time, TPOT = decode step),
/// TensorRT-LLM's H100 maximum-throughput table, and the public silicon suite (<see cref="SiliconCases"/>: closed-loop
/// Qwen3-32B runs under vLLM, SGLang and TensorRT-LLM).</summary>
/// <remarks>
/// Kernel and collective costs come from the embedded micro-benchmark tables only. The one fitted part: engine overheads
/// fitted with <see cref="EngineFitter"/> on the Splitwise rows outside TP <see cref="SplitwiseRuns.HoldOutTp"/>; cases are
/// labelled fit / held-out so the held-out error is reported apart. The TensorRT-LLM cases use the shipped
/// <c>trtllm</c> preset (never fitted here). Deterministic.
/// </remarks>
public static class ValidationSuite
{
    /// <summary>Suite names accepted by <see cref="Run"/>.</summary>
    public static readonly string[] Names = ["bundled", "splitwise", "trtllm", "silicon"];

    /// <summary>Runs suite <paramref name="name"/> (bundled = all sources).</summary>
    /// <exception cref="InputException">Unknown suite name.</exception>
    public static ValidationReport Run(string name = "bundled")
    {
        var key = name.Trim().ToLowerInvariant();
        if (!Names.Contains(key))
        {
            throw new InputException(null, "SUITE", $"unknown suite '{name}'", $"one of: {string.Join(", ", Names)}");
        }

        var cases = new List<ValidationCase>();
        var fitted = EngineOverheads.None;
        PowerValidation.Result? power = null;
        IReadOnlyList<ClosedLoopDecomposition.Decomposed> decomposition = [];
        if (key is "bundled" or "splitwise")
        {
            var fit = EngineFitter.Fit(SplitwiseRuns.Load(), "fit-splitwise-a100");
            fitted = fit.Engine;
            foreach (var c in fit.Fitted)
            {
                var role = c.Run.HoldOut ? "held-out" : "fit";
                cases.Add(new ValidationCase(c.Run.Id, "TTFT", "ms", c.Run.TtftMs!.Value, c.Predicted.TtftMs, role, SplitwiseRuns.Citation) { Group = SplitwiseRuns.Group });
                cases.Add(new ValidationCase(c.Run.Id, "TPOT", "ms", c.Run.TpotMs!.Value, c.Predicted.TpotMs, role, SplitwiseRuns.Citation) { Group = SplitwiseRuns.Group });
            }

            power = PowerValidation.Run(fitted);
            cases.AddRange(power.Cases);
        }

        var trt = EngineOverheadsCatalog.TryGet("trtllm", out var preset) ? preset : EngineOverheads.None;
        if (key is "bundled" or "trtllm")
        {
            cases.AddRange(TrtllmCases.Run(trt));
        }

        if (key is "bundled" or "silicon")
        {
            var rows = SiliconCases.Load();
            var silicon = SiliconCases.Run(rows);
            cases.AddRange(silicon);
            decomposition = ClosedLoopDecomposition.OfFitRows(rows, silicon);
        }

        return new ValidationReport(cases, fitted, trt) { Power = power, Decomposition = decomposition };
    }
}
