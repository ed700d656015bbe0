using DesSim.Core.Hardware;
using DesSim.Engine;

namespace DesSim.Core.Tests.TestDoubles;

/// <summary>Every send arrives after latency + bytes / bandwidth, with no contention.</summary>
internal sealed class FixedDelayNetwork(ISimContext ctx, double latencySeconds, double bytesPerSecond) : IEventHandler
{
    private readonly Queue<(IEventHandler Handler, long Argument)> _pending = new();

    public long Sends { get; private set; }

    public Network AsNetwork() => new(this);

    public void OnEvent(long argument)
    {
        var (h, a) = _pending.Dequeue();
        h.OnEvent(a);
    }

    internal sealed class Network(FixedDelayNetwork owner) : ITransferNetwork
    {
        public IReadOnlyList<LinkUsage> Links => [];

        public void Send(ReadOnlySpan<int> sources, ReadOnlySpan<int> destinations, long bytesPerPair, IEventHandler onArrival, long argument)
        {
            owner.Sends++;
            owner._pending.Enqueue((onArrival, argument));
            owner.Schedule(bytesPerPair);
        }
    }

    private void Schedule(long bytes) =>
        ctx.Schedule(SimTime.FromSeconds(latencySeconds + (bytes / bytesPerSecond)), this, 0, EventPriority.Completion);
}
