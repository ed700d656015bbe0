namespace DesSim.Core.Scheduling;

/// <summary>The batching policies a replica's scheduler can run.</summary>
public enum BatchPolicyKind
{
    /// <summary>vLLM-style continuous batching: waiting prefills first (whole prompts), otherwise decode every running sequence.</summary>
    Vllm,

    /// <summary>Sarathi-style chunked prefill: a token budget per iteration, filled with decodes first, then prefill chunks.</summary>
    Sarathi,

    /// <summary>Static batching (FasterTransformer-style): a batch is admitted together and runs to completion before the next.</summary>
    Static,
}
