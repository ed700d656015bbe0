using DesSim.Core.Hardware;
using DesSim.Engine;

namespace DesSim.Core.Tests.TestDoubles;

/// <summary>Every send arrives after latency + bytes / bandwidth, with no contention.</summary>
internal sealed class FixedDelayNetwork(ISimContext ctx, double latencySeconds, double bytesPerSecond)
{
    public long Sends { get; private set; }

    private EventHandle Deliver(long bytes, IEventHandler onArrival, long argument)
    {
        Sends++;
        return ctx.Schedule(SimTime.FromSeconds(latencySeconds + (bytes / bytesPerSecond)), onArrival, argument, EventPriority.Completion);
    }

    public Network AsNetwork() => new(this);

    internal sealed class Network(FixedDelayNetwork owner) : ITransferNetwork
    {
        public IReadOnlyList<LinkUsage> Links => [];

        // Why the arrival is the sender's own event: cancelling the returned handle then drops exactly this delivery.
        public EventHandle Send(ReadOnlySpan<int> sources, ReadOnlySpan<int> destinations, DesSim.Core.Units.Bytes bytesPerPair, IEventHandler onArrival, long argument) =>
            owner.Deliver(bytesPerPair.Count, onArrival, argument);
    }
}
