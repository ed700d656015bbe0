namespace DesSim.Core.Cost;

/// <summary>What one iteration (micro-batch) asks of the model: prefill chunks and decode sequences.</summary>
/// <remarks>
/// Reused across iterations to avoid allocation: call <see cref="Clear"/>, then add. Decode sequences are
/// kept as aggregates (count, total and maximum context length in tokens) because a decode step's cost depends on
/// them, not on each sequence. Token counts are per iteration: each decode sequence contributes one new token.
/// </remarks>
public sealed class BatchShape
{
    private readonly List<PrefillChunk> _prefills = [];

    /// <summary>Prefill chunks in this iteration.</summary>
    public IReadOnlyList<PrefillChunk> Prefills => _prefills;

    /// <summary>Decode sequences (one new token each).</summary>
    public int DecodeSequences { get; private set; }

    /// <summary>Σ context length (tokens already in the KV cache) over decode sequences.</summary>
    public long DecodeContextTokens { get; private set; }

    /// <summary>Longest decode context in tokens.</summary>
    public int MaxDecodeContextTokens { get; private set; }

    /// <summary>Σ new prefill tokens.</summary>
    public int PrefillTokens { get; private set; }

    /// <summary>New tokens this iteration: prefill tokens plus one per decode sequence.</summary>
    public int TotalTokens => PrefillTokens + DecodeSequences;

    /// <summary>Sequences in the batch (prefill chunks plus decode sequences).</summary>
    public int Sequences => _prefills.Count + DecodeSequences;

    /// <summary>Empties the shape for reuse.</summary>
    public void Clear()
    {
        _prefills.Clear();
        DecodeSequences = 0;
        DecodeContextTokens = 0;
        MaxDecodeContextTokens = 0;
        PrefillTokens = 0;
    }

    /// <summary>Adds a prefill chunk of <paramref name="newTokens"/> over <paramref name="cachedTokens"/>.</summary>
    public void AddPrefill(int newTokens, int cachedTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(cachedTokens);
        _prefills.Add(new PrefillChunk(newTokens, cachedTokens));
        PrefillTokens += newTokens;
    }

    /// <summary>Adds one decode sequence whose KV cache holds <paramref name="contextTokens"/> tokens.</summary>
    public void AddDecode(int contextTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contextTokens);
        DecodeSequences++;
        DecodeContextTokens += contextTokens;
        if (contextTokens > MaxDecodeContextTokens)
        {
            MaxDecodeContextTokens = contextTokens;
        }
    }

    /// <summary>Copies another shape into this one.</summary>
    public void CopyFrom(BatchShape other)
    {
        Clear();
        _prefills.AddRange(other._prefills);
        PrefillTokens = other.PrefillTokens;
        DecodeSequences = other.DecodeSequences;
        DecodeContextTokens = other.DecodeContextTokens;
        MaxDecodeContextTokens = other.MaxDecodeContextTokens;
    }
}
