using DesSim.Engine;
using DesSim.Core.Units;

namespace DesSim.Core.Hardware;

/// <summary>Shared arithmetic of the two transfer networks (integer nanoseconds, so they agree exactly).</summary>
internal static class TransferMath
{
    public static void CheckPairs(ReadOnlySpan<int> sources, ReadOnlySpan<int> destinations, Bytes bytes)
    {
        if (sources.Length != destinations.Length)
        {
            throw new ArgumentException("sources and destinations differ in length");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(bytes.Count, nameof(bytes));
    }

    /// <summary>Route latency + bytes / slowest bandwidth, in ns (summed in seconds, then rounded once); and the slowest bandwidth.</summary>
    public static (long DelayNanoseconds, BytesPerSecond Bandwidth) Delay(Topology topology, ReadOnlySpan<int> links, Bytes bytes, LinkDegradation? degradation = null, long nowNanoseconds = 0)
    {
        if (links.Length == 0)
        {
            return (0, BytesPerSecond.PositiveInfinity);
        }

        double latency = 0;
        var bw = BytesPerSecond.PositiveInfinity;
        foreach (int l in links)
        {
            var spec = topology.Links[l];
            latency += spec.LatencySeconds;
            bw = BytesPerSecond.Min(bw, spec.Bandwidth.Scaled(degradation?.Factor(l, nowNanoseconds) ?? 1));
        }

        return (ToNanoseconds(latency + bw.SecondsFor(bytes)), bw);
    }

    /// <summary>How long <paramref name="bytes"/> hold <paramref name="link"/> (at <paramref name="bandwidthFactor"/> of its bandwidth), ns.</summary>
    public static long OccupancyNanoseconds(LinkSpec link, Bytes bytes, double bandwidthFactor = 1) => (bytes / link.Bandwidth.Scaled(bandwidthFactor)).Nanoseconds;

    /// <summary>Seconds to nanoseconds by the one rounding rule (<see cref="SimTime.FromSeconds"/>).</summary>
    public static long ToNanoseconds(double seconds) => SimTime.FromSeconds(seconds).Nanoseconds;
}
