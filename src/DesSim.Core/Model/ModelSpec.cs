using DesSim.Core.Hardware;

namespace DesSim.Core.Model;

/// <summary>A decoder-only transformer's shape, with Hugging Face <c>config.json</c> meanings.</summary>
/// <remarks>
/// All models use SwiGLU MLPs (gate, up, down) and RMSNorm (facts.md §2). <see cref="NumExperts"/> = 0 means dense; for
/// MoE, each expert's MLP has <see cref="MoeIntermediateSize"/> columns and <see cref="SharedExperts"/> always-on experts
/// of <see cref="IntermediateSize"/>. Counts are parameters (not bytes); bytes need a <see cref="Precision"/>.
/// </remarks>
public sealed record ModelSpec
{
    /// <summary>Display name, e.g. <c>Llama-3.1-70B</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Decoder layers (<c>num_hidden_layers</c>).</summary>
    public required int NumLayers { get; init; }

    /// <summary>Model width (<c>hidden_size</c>).</summary>
    public required int HiddenSize { get; init; }

    /// <summary>Query heads (<c>num_attention_heads</c>).</summary>
    public required int NumHeads { get; init; }

    /// <summary>Key/value heads (<c>num_key_value_heads</c>; = heads without GQA).</summary>
    public required int NumKvHeads { get; init; }

    /// <summary>Per-head width (<c>head_dim</c>; default hidden / heads).</summary>
    public required int HeadDim { get; init; }

    /// <summary>Dense MLP width (<c>intermediate_size</c>).</summary>
    public required int IntermediateSize { get; init; }

    /// <summary>Vocabulary (<c>vocab_size</c>).</summary>
    public required int VocabSize { get; init; }

    /// <summary>Whether the LM head shares the embedding matrix (<c>tie_word_embeddings</c>).</summary>
    public bool TieWordEmbeddings { get; init; }

    /// <summary>Routed experts per MoE layer (<c>num_local_experts</c>); 0 = dense.</summary>
    public int NumExperts { get; init; }

    /// <summary>Experts each token is routed to (<c>num_experts_per_tok</c>).</summary>
    public int ExpertsPerToken { get; init; }

    /// <summary>MLP width of one routed expert (Mixtral: = intermediate_size).</summary>
    public int MoeIntermediateSize { get; init; }

    /// <summary>Always-active shared experts (DeepSeek-style; 0 for Mixtral).</summary>
    public int SharedExperts { get; init; }

    /// <summary>Aliases accepted by <see cref="ModelCatalog.Get"/>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Whether the MLP is a mixture of experts.</summary>
    public bool IsMoe => NumExperts > 0;

    /// <summary>Query projection width: heads · head_dim.</summary>
    public long QueryWidth => (long)NumHeads * HeadDim;

    /// <summary>Key (or value) projection width: kv_heads · head_dim.</summary>
    public long KvWidth => (long)NumKvHeads * HeadDim;

    /// <summary>Attention parameters of one layer: Q, K, V and O projections.</summary>
    public long AttentionParametersPerLayer => (HiddenSize * QueryWidth) + (2 * HiddenSize * KvWidth) + (QueryWidth * HiddenSize);

    /// <summary>MLP parameters of one layer (all experts, router and shared experts for MoE).</summary>
    public long MlpParametersPerLayer => IsMoe
        ? (NumExperts * 3L * HiddenSize * MoeIntermediateSize) + ((long)HiddenSize * NumExperts) + (SharedExperts * 3L * HiddenSize * IntermediateSize)
        : 3L * HiddenSize * IntermediateSize;

    /// <summary>Parameters of one decoder layer, including its two RMSNorm weight vectors.</summary>
    public long ParametersPerLayer => AttentionParametersPerLayer + MlpParametersPerLayer + (2L * HiddenSize);

    /// <summary>Embedding table parameters (vocab · hidden).</summary>
    public long EmbeddingParameters => (long)VocabSize * HiddenSize;

    /// <summary>LM head parameters (0 when tied to the embedding) plus the final norm.</summary>
    public long LmHeadParameters => (TieWordEmbeddings ? 0 : (long)VocabSize * HiddenSize) + HiddenSize;

    /// <summary>All parameters: layers + embedding + LM head + final norm.</summary>
    public long ParameterCount => (NumLayers * ParametersPerLayer) + EmbeddingParameters + LmHeadParameters;

    /// <summary>Parameters a token actually multiplies through in one layer's MLP (top-k experts for MoE).</summary>
    public long ActiveMlpParametersPerLayer => IsMoe
        ? (ExpertsPerToken * 3L * HiddenSize * MoeIntermediateSize) + (SharedExperts * 3L * HiddenSize * IntermediateSize)
        : MlpParametersPerLayer;

    /// <summary>KV-cache bytes per token over all layers: 2 · layers · kv_heads · head_dim · bytes (facts.md §2).</summary>
    public long KvBytesPerToken(Precision kvPrecision) => 2L * NumLayers * KvWidth * kvPrecision.BytesPerElement;

    /// <summary>Weight bytes of the whole model in <paramref name="precision"/>.</summary>
    public long WeightBytes(Precision precision) => ParameterCount * precision.BytesPerElement;
}
