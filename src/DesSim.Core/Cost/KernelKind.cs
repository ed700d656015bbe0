namespace DesSim.Core.Cost;

/// <summary>What a kernel is, for choosing how to price it.</summary>
public enum KernelKind
{
    /// <summary>A dense matrix multiply (m × k) · (k × n).</summary>
    Gemm,

    /// <summary>Prefill (context) attention.</summary>
    AttentionPrefill,

    /// <summary>Decode (generation) attention, bound by KV-cache reads.</summary>
    AttentionDecode,

    /// <summary>Norms, activation functions, residual adds, rotary embedding, embedding gather.</summary>
    Elementwise,
}
