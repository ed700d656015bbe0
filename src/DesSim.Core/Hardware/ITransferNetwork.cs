using DesSim.Engine;
using DesSim.Core.Units;

namespace DesSim.Core.Hardware;

/// <summary>Moves bytes between GPUs over the topology's links and tells the sender when they have arrived.</summary>
/// <remarks>
/// Two implementations behind this interface: closed form (arrival = now + latency + bytes / bandwidth of the
/// route's slowest link, no per-link events) and link-level (each link is a FIFO server occupied for
/// bytes / bandwidth per transfer; transfers sharing a link queue). They agree exactly when links are not shared.
/// </remarks>
public interface ITransferNetwork
{
    /// <summary>Sends <paramref name="bytesPerPair"/> from each <c>sources[i]</c> to <c>destinations[i]</c> (GPU ids) in parallel;
    /// calls <paramref name="onArrival"/> with <paramref name="argument"/> once, when the last pair has arrived.</summary>
    /// <returns>The arrival event: cancelling it (<see cref="ISimContext.Cancel"/>) drops the delivery, not the traffic
    /// (the links stay occupied as if the bytes flowed).</returns>
    EventHandle Send(ReadOnlySpan<int> sources, ReadOnlySpan<int> destinations, Bytes bytesPerPair, IEventHandler onArrival, long argument);

    /// <summary>Per-link totals so far, in a stable order.</summary>
    IReadOnlyList<LinkUsage> Links { get; }
}
