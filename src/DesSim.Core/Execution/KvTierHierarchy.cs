using DesSim.Core.Scheduling;
using DesSim.Engine;
using DesSim.Core.Units;

namespace DesSim.Core.Execution;

/// <summary>The KV tiers below one replica's GPU caches, and the timing of every move between them on the modeled links.</summary>
/// <remarks>
/// Write-back on eviction, as SGLang HiCache's <c>write_back</c> policy (python/sglang/srt/mem_cache/hiradix_cache.py
/// <c>HiRadixCache.evict</c>, v0.4.6–v0.5: a device node without a host copy is written to host memory, the eviction waits
/// for the copy, <c>writing_check(write_back=True)</c>, then frees the device slot): a unit the GPU evicts is copied to the
/// first tier, and the step whose allocation evicted it starts only once the copy has landed. A unit evicted from a tier is
/// written to the next one in the background (the GPU does not wait); the last tier drops it. A hit below the GPU is
/// loaded back before the request's first step: that step starts when the load has landed (synchronous load before the
/// forward, as LMCache's vLLM connector does without layer-wise pipelining). Every move is a cut-through transfer over
/// FIFO servers (<see cref="TierServer"/>): it starts when each server on its path is free and the data is in place, holds
/// each for its bytes / bandwidth, and lands after the path's latency plus the longest hold. Paths: a per-replica tier is
/// behind each GPU's host link (host→device for loads, device→host for writes; a disk adds its drive); a shared tier is
/// behind each GPU's NIC and the store's own server. A unit's bytes are split over the replica's GPUs, each moving its
/// share over its own link in parallel.
/// </remarks>
internal sealed class KvTierHierarchy : ILowerKvTiers
{
    private readonly ISimContext _ctx;
    private readonly KvTier[] _tiers;
    private readonly TierServer[] _h2d;
    private readonly TierServer[] _d2h;
    private readonly TierServer[] _nicDown;
    private readonly TierServer[] _nicUp;
    private readonly KvTierConfig _config;
    private readonly long _gpuUnitBytes;
    private readonly long _unitBytes;
    private readonly int[] _count;
    private readonly long[] _notBefore;

    public KvTierHierarchy(ISimContext ctx, KvTierConfig config, KvTier[] tiers, TierServer[] h2d, TierServer[] d2h, TierServer[] nicDown, TierServer[] nicUp, long gpuUnitBytes)
    {
        _ctx = ctx;
        _config = config;
        _tiers = tiers;
        _h2d = h2d;
        _d2h = d2h;
        _nicDown = nicDown;
        _nicUp = nicUp;
        _gpuUnitBytes = gpuUnitBytes;
        _unitBytes = gpuUnitBytes * h2d.Length;
        _count = new int[tiers.Length];
        _notBefore = new long[tiers.Length];
    }

    /// <summary>The tiers, in order.</summary>
    public IReadOnlyList<KvTier> Tiers => _tiers;

    /// <summary>When the step being planned may start: the latest landing of the loads and GPU write-backs it caused, ns.</summary>
    public long StepReadyNanoseconds { get; private set; }

    /// <summary>Starts planning a step at the current time.</summary>
    public void BeginStep() => StepReadyNanoseconds = _ctx.Now.Nanoseconds;

    /// <inheritdoc />
    public int Match(ulong[] keys, int from, int maxUnits)
    {
        int n = 0;
        while (n < maxUnits && Holds(keys[from + n]))
        {
            n++;
        }

        return n;
    }

    /// <inheritdoc />
    public void OnEvicted(ulong key)
    {
        var first = _tiers[0];
        if (first.Find(key) is { } held)
        {
            first.Touch(held); // already backed up: the GPU copy is dropped without a write (HiCache _evict_backuped)
            return;
        }

        long now = _ctx.Now.Nanoseconds;
        long landed = first.Spec.Shared
            ? Move(now, first.Medium, _unitBytes, WriteBandwidth(first), _nicUp, _gpuUnitBytes, _config.Nic.Value, SharedLatency(first))
            : Move(now, first.Medium, _unitBytes, WriteBandwidth(first), _d2h, _gpuUnitBytes, _config.HostLink.Value, HostLatency(first));
        first.BytesWritten += _unitBytes;
        StepReadyNanoseconds = Math.Max(StepReadyNanoseconds, landed);
        Insert(0, key, landed);
    }

    /// <inheritdoc />
    public void Load(Sequence sequence, ulong[] keys, int from, int units, bool firstAdmission)
    {
        Array.Clear(_count);
        Array.Clear(_notBefore);
        for (int i = from; i < from + units; i++)
        {
            for (int t = 0; t < _tiers.Length; t++)
            {
                if (_tiers[t].Find(keys[i]) is { } e)
                {
                    _tiers[t].Touch(e);
                    _count[t]++;
                    _notBefore[t] = Math.Max(_notBefore[t], e.ReadyNanoseconds);
                    break;
                }
            }
        }

        long now = _ctx.Now.Nanoseconds;
        for (int t = 0; t < _tiers.Length; t++)
        {
            int n = _count[t];
            if (n == 0)
            {
                continue;
            }

            var tier = _tiers[t];
            long landed = tier.Spec.Shared
                ? Move(_notBefore[t], tier.Medium, n * _unitBytes, ReadBandwidth(tier), _nicDown, n * _gpuUnitBytes, _config.Nic.Value, SharedLatency(tier))
                : Move(_notBefore[t], tier.Medium, n * _unitBytes, ReadBandwidth(tier), _h2d, n * _gpuUnitBytes, _config.HostLink.Value, HostLatency(tier));
            tier.LoadedUnits += n;
            tier.Loads++;
            tier.LoadNanoseconds += landed - now;
            tier.BytesRead += n * _unitBytes;
            tier.HitUnits += firstAdmission ? n : 0;
            StepReadyNanoseconds = Math.Max(StepReadyNanoseconds, landed);
        }
    }

    /// <summary>Drops the per-replica tiers' contents (the replica failed); a shared store keeps its own.</summary>
    public void ClearLocal()
    {
        foreach (var t in _tiers)
        {
            if (!t.Spec.Shared)
            {
                t.Clear();
            }
        }
    }

    private bool Holds(ulong key)
    {
        foreach (var t in _tiers)
        {
            if (t.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    // Inserts into tier t; an entry it evicts is written to tier t + 1 in the background (or dropped from the last tier).
    private void Insert(int t, ulong key, long readyNanoseconds)
    {
        var evicted = _tiers[t].Insert(key, readyNanoseconds);
        while (evicted is not null && ++t < _tiers.Length)
        {
            var next = _tiers[t];
            if (next.Find(evicted.Key) is { } held)
            {
                next.Touch(held);
                return;
            }

            long start = Math.Max(_ctx.Now.Nanoseconds, evicted.ReadyNanoseconds);
            // Why no GPU link: the copy goes host → drive (or → store over the NIC) without crossing a GPU's host link.
            long landed = next.Spec.Shared && !_tiers[t - 1].Spec.Shared
                ? Move(start, next.Medium, _unitBytes, WriteBandwidth(next), _nicUp, _gpuUnitBytes, _config.Nic.Value, SharedLatency(next))
                : Move(start, next.Medium, _unitBytes, WriteBandwidth(next), [], 0, double.PositiveInfinity, next.Spec.LatencySeconds);
            next.BytesWritten += _unitBytes;
            evicted = next.Insert(evicted.Key, landed);
        }
    }

    // A cut-through move over a medium and per-GPU links; returns when it lands, ns.
    private long Move(long notBefore, TierServer? medium, long mediumBytes, double mediumBandwidth, TierServer[] links, long linkBytes, double linkBandwidth, double latencySeconds)
    {
        long start = Math.Max(_ctx.Now.Nanoseconds, notBefore);
        if (medium is not null)
        {
            start = Math.Max(start, medium.FreeAtNanoseconds);
        }

        foreach (var l in links)
        {
            start = Math.Max(start, l.FreeAtNanoseconds);
        }

        long hold = medium?.Hold(start, mediumBytes, mediumBandwidth) ?? 0;
        foreach (var l in links)
        {
            hold = Math.Max(hold, l.Hold(start, linkBytes, linkBandwidth));
        }

        return start + Hardware.TransferMath.ToNanoseconds(latencySeconds) + hold;
    }

    private static double ReadBandwidth(KvTier t) => (t.Spec.ReadBandwidth ?? BytesPerSecond.PositiveInfinity).Value;

    private static double WriteBandwidth(KvTier t) => (t.Spec.WriteBandwidth ?? BytesPerSecond.PositiveInfinity).Value;

    private static double HostLatency(KvTier t) => Hardware.LinkLatencies.PcieSeconds + t.Spec.LatencySeconds;

    private double SharedLatency(KvTier t) => (2 * _config.NicLatencySeconds) + t.Spec.LatencySeconds;
}
