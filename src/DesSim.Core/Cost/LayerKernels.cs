namespace DesSim.Core.Cost;

/// <summary>Builds the kernels of one decoder layer, the embedding and the LM head for a batch on one TP rank (facts.md §4).</summary>
/// <remarks>Per layer: input RMSNorm, fused QKV GEMM, rotary embedding, prefill and/or decode attention (KV writes
/// and reads), O projection, post-attention RMSNorm + residual, fused gate/up GEMM, SiLU·mul, down GEMM, residual add;
/// two TP all-reduces (after O and after down), each of tokens · hidden · 2 bytes. Bytes count reads plus writes;
/// weights are read once per iteration. MoE layers: tokens spread evenly over the experts they pick (ep = 1); under
/// expert parallelism only the router is built here and <see cref="ExpertParallelCost"/> prices the experts.</remarks>
public static class LayerKernels
{
    /// <summary>Most kernels <see cref="BuildLayer"/> writes.</summary>
    public const int MaxKernelsPerLayer = 12;

    /// <summary>Bytes of one TP all-reduce of <paramref name="tokens"/> activations: tokens · hidden · 2.</summary>
    public static long AllReduceBytes(int hiddenSize, int tokens) => (long)tokens * hiddenSize * CostConstants.ActivationBytesPerElement;

    /// <summary>Bytes all-reduced per layer under TP (two all-reduces): 2 · tokens · hidden · 2.</summary>
    public static long TpAllReduceBytesPerLayer(int hiddenSize, int tokens) => 2 * AllReduceBytes(hiddenSize, tokens);

    /// <summary>Writes the layer's kernels for <paramref name="a"/> into <paramref name="into"/>; returns how many.</summary>
    public static int BuildLayer(LayerShard s, in BatchAggregates a, Span<Kernel> into)
    {
        int n = 0;
        if (a.Tokens == 0)
        {
            return 0;
        }

        double act = CostConstants.ActivationBytesPerElement, w = s.Weights.BytesPerElement;
        int t = a.Tokens, h = s.Model.HiddenSize, hd = s.Model.HeadDim;
        int q = s.HeadsPerRank * hd, kv = s.KvHeadsPerRank * hd, ffn = s.FfnPerRank;
        double kvTokenBytes = s.KvBytesPerTokenPerRank;

        into[n++] = Elementwise("input_layernorm", (double)t * h, act, 2);
        into[n++] = Gemm("qkv_proj", t, q + (2 * kv), h, w, act);
        into[n++] = Elementwise("rotary", (double)t * (q + kv), act, 2);
        if (a.PrefillTokens > 0)
        {
            // FLOPs: 2 (QKᵀ) + 2 (PV) per head-dim per query-key pair; causal pairs = Σ n·(c + n/2).
            double flops = 2.0 * s.HeadsPerRank * hd * a.PrefillCausalPairsTimesTwo;
            double bytes = (a.PrefillKvTokens * kvTokenBytes) + (a.PrefillTokens * (double)q * act * 2);
            // Why: a chunk of n tokens on c cached ones computes rows c..c+n of a causal kernel of length c + n; its shape
            // (query tiles × keys) is that kernel's, not a lone n-token prefill's (issue #14: 16 tokens on 4,080 cached
            // were priced at a 16-token prefill's FLOP rate, 2.4× the whole uncached prompt).
            into[n++] = new Kernel("attention_prefill", KernelKind.AttentionPrefill, flops, bytes, a.PrefillChunks, (int)Math.Max(1, Math.Round(a.PrefillKvTokens / (double)a.PrefillChunks)));
        }

        if (a.DecodeSequences > 0)
        {
            // Each decode token attends to its context plus itself; it reads the whole KV cache of its sequence.
            double keys = a.DecodeContextTokens + a.DecodeSequences;
            double flops = 4.0 * s.HeadsPerRank * hd * keys;
            double bytes = (keys * kvTokenBytes) + (a.DecodeSequences * (double)q * act * 2);
            into[n++] = new Kernel("attention_decode", KernelKind.AttentionDecode, flops, bytes, a.DecodeSequences, (int)Math.Max(1, Math.Round(keys / a.DecodeSequences)));
        }

        into[n++] = Gemm("o_proj", t, h, q, w, act);
        into[n++] = Elementwise("post_attention_layernorm", (double)t * h, act, 3);
        if (!s.Model.IsMoe)
        {
            into[n++] = Gemm("gate_up_proj", t, 2 * ffn, h, w, act);
            into[n++] = Elementwise("silu_mul", (double)t * ffn, act, 1.5);
            into[n++] = Gemm("down_proj", t, h, ffn, w, act);
        }
        else if (s.Ep > 1)
        {
            // Under expert parallelism the expert MLPs and the all-to-all are priced per sampled routing (ExpertParallelCost).
            into[n++] = Gemm("router", t, s.Model.NumExperts, h, w, act);
        }
        else
        {
            long routed = (long)t * s.Model.ExpertsPerToken;
            int experts = (int)Math.Min(s.Model.NumExperts, routed);
            int perExpert = (int)Math.Max(1, (routed + experts - 1) / experts);
            into[n++] = Gemm("router", t, s.Model.NumExperts, h, w, act);
            into[n++] = Gemm("expert_gate_up_proj", perExpert, 2 * ffn, h, w, act) with { Count = experts };
            into[n++] = Elementwise("silu_mul", (double)routed * ffn, act, 1.5);
            into[n++] = Gemm("expert_down_proj", perExpert, h, ffn, w, act) with { Count = experts };
        }

        into[n++] = Elementwise("residual_add", (double)t * h, act, 3);
        return n;
    }

    /// <summary>The embedding gather for <paramref name="tokens"/> tokens (stage 0).</summary>
    public static Kernel Embedding(LayerShard s, int tokens) =>
        new("embedding", KernelKind.Elementwise, 0, (double)tokens * s.Model.HiddenSize * (s.Weights.BytesPerElement + CostConstants.ActivationBytesPerElement));

    /// <summary>The LM head GEMM over <paramref name="sequences"/> sequences (last stage), vocab split over TP.</summary>
    public static Kernel LmHead(LayerShard s, int sequences) =>
        Gemm("lm_head", sequences, s.Model.VocabSize / s.Tp, s.Model.HiddenSize, s.Weights.BytesPerElement, CostConstants.ActivationBytesPerElement);

    private static Kernel Gemm(string name, int m, int n, int k, double weightBytes, double actBytes) =>
        new(name, KernelKind.Gemm, 2.0 * m * n * k, ((double)n * k * weightBytes) + ((double)m * k * actBytes) + ((double)m * n * actBytes), m, n, k);

    private static Kernel Elementwise(string name, double elements, double bytesPerElement, double touches) =>
        new(name, KernelKind.Elementwise, elements * CostConstants.ElementwiseFlopsPerElement, elements * bytesPerElement * touches);
}
