using DesSim.Core.Workload;

namespace DesSim.Core.Scheduling;

/// <summary>The reuse a workload offers at best: the token hit rate of one cache that never evicts and sees every
/// request finish before the next arrives.</summary>
/// <remarks>Same rules as the engine's cache (<see cref="PrefixCache"/>): units of the cache's size, chained keys, a hit of at
/// most <c>prompt − 1</c> tokens, every unit of a request's identity cached once it has run. Memory O(distinct units of the
/// trace): a trace-analysis tool (benchmarks, tests), never the simulator's index.</remarks>
public sealed class PrefixReuse
{
    private readonly HashSet<ulong> _seen = [];
    private readonly int _unitTokens;

    /// <summary>Starts an empty ideal cache for engine blocks of <paramref name="blockSizeTokens"/> tokens.</summary>
    public PrefixReuse(int blockSizeTokens) => _unitTokens = new PrefixCache(blockSizeTokens).UnitTokens;

    /// <summary>Prompt tokens seen.</summary>
    public long PromptTokens { get; private set; }

    /// <summary>Of those, tokens an ideal cache would have held.</summary>
    public long HitTokens { get; private set; }

    /// <summary><see cref="HitTokens"/> / <see cref="PromptTokens"/> (0 before any request).</summary>
    public double TokenHitRate => PromptTokens > 0 ? HitTokens / (double)PromptTokens : 0;

    /// <summary>Looks <paramref name="request"/> up, then caches it.</summary>
    public void Add(RequestSpec request)
    {
        PromptTokens += request.InputTokens;
        if (request.Prefix is not { } identity)
        {
            return;
        }

        var keys = PrefixKeys.For(identity, _unitTokens);
        int cap = Math.Min(keys.Length, (request.InputTokens - 1) / _unitTokens);
        int hit = 0;
        while (hit < cap && _seen.Contains(keys[hit]))
        {
            hit++;
        }

        HitTokens += (long)hit * _unitTokens;
        _seen.UnionWith(keys);
    }
}
