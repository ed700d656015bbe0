namespace DesSim.Core.Scheduling;

/// <summary>The KV tiers below one GPU prefix cache (host DRAM, local disk, a shared store), as the cache sees them:
/// where its evicted units go and where a lookup continues after the GPU run.</summary>
/// <remarks>Implemented by the executor, which times the moves on the modeled links (docs/prefix-caching.md, "KV tiers").</remarks>
public interface ILowerKvTiers
{
    /// <summary>How many consecutive units of <paramref name="keys"/> from index <paramref name="from"/> some lower tier
    /// holds, at most <paramref name="maxUnits"/>. Pure.</summary>
    int Match(ulong[] keys, int from, int maxUnits);

    /// <summary>The GPU cache evicted the unit <paramref name="key"/> (nobody held it): it is written back to the first tier.</summary>
    void OnEvicted(ulong key);

    /// <summary>Loads units <paramref name="from"/> … <paramref name="from"/> + <paramref name="units"/> − 1 of
    /// <paramref name="sequence"/>'s keys (found by <see cref="Match"/>) into GPU blocks just reserved for them.
    /// <paramref name="firstAdmission"/>: the request's first lookup (the hit rates count those only).</summary>
    void Load(Sequence sequence, ulong[] keys, int from, int units, bool firstAdmission);
}
