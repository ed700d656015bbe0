namespace DesSim.Core.Fidelity.Validation;

/// <summary>One measured closed-loop serving run of the public silicon suite (Fidelity/Validation/Data/silicon_qwen3_32b_h100.csv).</summary>
/// <param name="Engine">vllm, sglang or trtllm.</param>
/// <param name="Version">The engine version that ran.</param>
/// <param name="Precision">GEMM and weight precision: bf16 or fp8.</param>
/// <param name="InputTokens">Prompt length of every request, tokens.</param>
/// <param name="OutputTokens">Output length of every request, tokens.</param>
/// <param name="Concurrency">Requests in flight (closed loop).</param>
/// <param name="Tp">Tensor-parallel degree.</param>
/// <param name="Pp">Pipeline-parallel degree.</param>
/// <param name="TtftMs">Measured mean time to first token, ms.</param>
/// <param name="TpotMs">Measured mean time per output token, ms.</param>
public sealed record SiliconRow(string Engine, string Version, string Precision, int InputTokens, int OutputTokens, int Concurrency, int Tp, int Pp, double TtftMs, double TpotMs)
{
    /// <summary>A readable unique id: engine, version, layout, lengths and concurrency.</summary>
    public string Id => $"{Engine}-{Version}-tp{Tp}pp{Pp}-{Precision}-{InputTokens}x{OutputTokens}-c{Concurrency}";

    /// <summary>The same configuration with another TP degree (for TP-order pairs): engine, version, precision, lengths, concurrency.</summary>
    public string PairKey => $"{Engine}-{Version}-{Precision}-{InputTokens}x{OutputTokens}-c{Concurrency}-pp{Pp}";
}
