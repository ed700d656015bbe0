using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Builds each replica's <see cref="KvTierHierarchy"/>: per-GPU host-link and NIC servers (one per GPU and
/// direction), a tier per replica, or one store shared by every replica (<see cref="KvTierSpec.Shared"/>).</summary>
internal sealed class KvTierFabric
{
    private readonly ISimContext _ctx;
    private readonly Dictionary<string, KvTier> _shared = new(StringComparer.Ordinal);
    private readonly Dictionary<int, TierServer[]> _gpuServers = [];
    private readonly List<(string Name, KvTier Tier)> _all = [];

    public KvTierFabric(ISimContext ctx) => _ctx = ctx;

    /// <summary>Every tier instance (per-replica ones once per replica, a shared one once), in creation order.</summary>
    public IReadOnlyList<(string Name, KvTier Tier)> All => _all;

    /// <summary>The hierarchy of a replica on <paramref name="gpus"/> whose cache units hold <paramref name="unitTokens"/> tokens.</summary>
    /// <exception cref="InputException">A tier holds less than one unit.</exception>
    public KvTierHierarchy Create(KvTierConfig config, int[] gpus, int unitTokens)
    {
        long gpuUnitBytes = unitTokens * config.KvBytesPerTokenPerGpu;
        long unitBytes = gpuUnitBytes * gpus.Length;
        var tiers = new KvTier[config.Tiers.Count];
        for (int t = 0; t < tiers.Length; t++)
        {
            var spec = config.Tiers[t];
            if (spec.Shared && _shared.TryGetValue(spec.Name, out var shared))
            {
                tiers[t] = shared;
                continue;
            }

            long units = spec.CapacityBytes / unitBytes;
            if (units < 1)
            {
                throw new InputException(null, $"kv_tiers.{spec.Name}.capacity_gb", $"{spec.CapacityBytes / 1e9:G4} GB holds less than one cache block of {unitTokens} tokens ({unitBytes:N0} bytes per replica)");
            }

            tiers[t] = new KvTier(spec, units, new TierServer());
            _all.Add((spec.Name, tiers[t]));
            if (spec.Shared)
            {
                _shared.Add(spec.Name, tiers[t]);
            }
        }

        var h2d = new TierServer[gpus.Length];
        var d2h = new TierServer[gpus.Length];
        var nicDown = new TierServer[gpus.Length];
        var nicUp = new TierServer[gpus.Length];
        for (int i = 0; i < gpus.Length; i++)
        {
            if (!_gpuServers.TryGetValue(gpus[i], out var s))
            {
                s = [new(), new(), new(), new()];
                _gpuServers.Add(gpus[i], s);
            }

            (h2d[i], d2h[i], nicDown[i], nicUp[i]) = (s[0], s[1], s[2], s[3]);
        }

        return new KvTierHierarchy(_ctx, config, tiers, h2d, d2h, nicDown, nicUp, gpuUnitBytes);
    }
}
