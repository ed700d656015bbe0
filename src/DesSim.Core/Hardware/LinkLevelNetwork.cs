using DesSim.Engine;
using DesSim.Core.Units;

namespace DesSim.Core.Hardware;

/// <summary>Transfers over links that are FIFO servers: a transfer holds every link of its route for bytes / bandwidth of
/// that link; transfers that share a link queue behind each other, so contention emerges.</summary>
/// <remarks>
/// A transfer starts when every link on its route is free (cut-through: the links are held together, as a circuit),
/// and arrives at start + route latency + bytes / slowest-link bandwidth. With no queueing this is exactly the closed
/// form. Why no per-link events: requests reach a FIFO server in simulated-time order, so each link's "busy until"
/// time is its whole state; the engine gets one arrival event per <see cref="Send"/>. Times are integer nanoseconds.
/// </remarks>
public sealed class LinkLevelNetwork : ITransferNetwork, IDegradableNetwork
{
    private readonly ISimContext _ctx;
    private readonly Topology _topology;
    private readonly LinkCounters _counters;
    private readonly long[] _freeAtNanoseconds;

    /// <summary>Creates the network over <paramref name="topology"/>, scheduling on <paramref name="ctx"/>.</summary>
    public LinkLevelNetwork(ISimContext ctx, Topology topology)
    {
        _ctx = ctx;
        _topology = topology;
        _counters = new LinkCounters(topology);
        _freeAtNanoseconds = new long[topology.Links.Count];
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
        long now = _ctx.Now.Nanoseconds;
        long latest = now;
        for (int p = 0; p < sources.Length; p++)
        {
            int hops = _topology.Route(sources[p], destinations[p], route);
            var links = route[..hops];
            long start = now;
            foreach (int l in links)
            {
                start = Math.Max(start, _freeAtNanoseconds[l]);
            }

            var (delay, _) = TransferMath.Delay(_topology, links, bytesPerPair, Degradation, start);
            foreach (int l in links)
            {
                _freeAtNanoseconds[l] = start + TransferMath.OccupancyNanoseconds(_topology.Links[l], bytesPerPair, Degradation?.Factor(l, start) ?? 1);
            }

            _counters.Record(_topology, links, bytesPerPair);
            latest = Math.Max(latest, start + delay);
        }

        return _ctx.Schedule(SimTime.FromNanoseconds(latest - now), onArrival, argument, EventPriority.Completion);
    }
}
