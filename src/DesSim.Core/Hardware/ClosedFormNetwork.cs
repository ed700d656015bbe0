using DesSim.Engine;
using DesSim.Core.Units;

namespace DesSim.Core.Hardware;

/// <summary>Transfers priced in closed form: arrival = now + route latency + bytes / bandwidth of the route's slowest link.</summary>
/// <remarks>No per-link queueing: concurrent transfers over a shared link do not slow each other. One engine event per
/// <see cref="Send"/>. Link totals are still recorded (bytes, busy seconds as if unshared). Agrees exactly (to the
/// nanosecond) with <see cref="LinkLevelNetwork"/> when no link is shared.</remarks>
public sealed class ClosedFormNetwork : ITransferNetwork, IDegradableNetwork
{
    private readonly ISimContext _ctx;
    private readonly Topology _topology;
    private readonly LinkCounters _counters;

    /// <summary>Creates the network over <paramref name="topology"/>, scheduling on <paramref name="ctx"/>.</summary>
    public ClosedFormNetwork(ISimContext ctx, Topology topology)
    {
        _ctx = ctx;
        _topology = topology;
        _counters = new LinkCounters(topology);
    }

    /// <inheritdoc />
    public LinkDegradation? Degradation { get; set; }

    /// <inheritdoc />
    public IReadOnlyList<LinkUsage> Links => _counters.Snapshot();

    /// <inheritdoc />
    public EventHandle Send(ReadOnlySpan<int> sources, ReadOnlySpan<int> destinations, Bytes bytesPerPair, IEventHandler onArrival, long argument)
    {
        TransferMath.CheckPairs(sources, destinations, bytesPerPair);
        Span<int> route = stackalloc int[Topology.MaxHops];
        long latestNanoseconds = 0;
        for (int p = 0; p < sources.Length; p++)
        {
            int hops = _topology.Route(sources[p], destinations[p], route);
            var (delay, _) = TransferMath.Delay(_topology, route[..hops], bytesPerPair, Degradation, _ctx.Now.Nanoseconds);
            _counters.Record(_topology, route[..hops], bytesPerPair);
            latestNanoseconds = Math.Max(latestNanoseconds, delay);
        }

        return _ctx.Schedule(SimTime.FromNanoseconds(latestNanoseconds), onArrival, argument, EventPriority.Completion);
    }
}
