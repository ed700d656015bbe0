namespace DesSim.Core.Scheduling;

/// <summary>SGLang's admission knobs: the new-token ratio that discounts running requests' future KV, and the prefill limits.</summary>
/// <remarks>Source: sglang python/sglang/srt/managers/scheduler.py (<c>init_new_token_ratio</c>, <c>min_new_token_ratio</c>,
/// <c>new_token_ratio_decay</c>) and schedule_policy.py (<c>PrefillAdder</c>, <c>CLIP_MAX_NEW_TOKENS</c>), v0.5.1–v0.5.8; the
/// env defaults SGLANG_INIT_NEW_TOKEN_RATIO=0.7, SGLANG_MIN_NEW_TOKEN_RATIO_FACTOR=0.14, SGLANG_NEW_TOKEN_RATIO_DECAY_STEPS=600,
/// SGLANG_CLIP_MAX_NEW_TOKENS_ESTIMATION=4096, SGLANG_RETRACT_DECODE_STEPS=20 (python/sglang/srt/environ.py).</remarks>
/// <param name="Conservativeness"><c>schedule_conservativeness</c> (scales the initial ratio, capped at 1).</param>
/// <param name="MaxPrefillTokens"><c>max_prefill_tokens</c>: new input tokens of one prefill batch.</param>
/// <param name="MixedChunk"><c>enable_mixed_chunk</c>: a prefill batch also carries the running decodes.</param>
public sealed record SglangAdmission(double Conservativeness = 1.0, int MaxPrefillTokens = SglangAdmission.DefaultMaxPrefillTokens, bool MixedChunk = false)
{
    /// <summary>SGLANG_INIT_NEW_TOKEN_RATIO default.</summary>
    public const double InitNewTokenRatioBase = 0.7;

    /// <summary>SGLANG_MIN_NEW_TOKEN_RATIO_FACTOR default.</summary>
    public const double MinNewTokenRatioFactor = 0.14;

    /// <summary>SGLANG_NEW_TOKEN_RATIO_DECAY_STEPS default (decode steps from the initial to the minimum ratio).</summary>
    public const int DecaySteps = 600;

    /// <summary>SGLANG_CLIP_MAX_NEW_TOKENS_ESTIMATION default: future tokens of one request counted at most this many.</summary>
    public const int ClipMaxNewTokens = 4096;

    /// <summary>SGLANG_RETRACT_DECODE_STEPS default: decode steps a retraction plans room for.</summary>
    public const int RetractDecodeSteps = 20;

    /// <summary><c>max_prefill_tokens</c> default (server_args.py, v0.5).</summary>
    public const int DefaultMaxPrefillTokens = 16384;

    /// <summary>The defaults.</summary>
    public static readonly SglangAdmission Default = new();

    /// <summary>Initial (and reset) ratio: min(0.7 × conservativeness, 1).</summary>
    public double InitRatio => Math.Min(InitNewTokenRatioBase * Conservativeness, 1.0);

    /// <summary>Floor of the ratio: min(init × 0.14, 1).</summary>
    public double MinRatio => Math.Min(InitRatio * MinNewTokenRatioFactor, 1.0);

    /// <summary>Decrement per decode step that did not retract.</summary>
    public double Decay => (InitRatio - MinRatio) / DecaySteps;
}
