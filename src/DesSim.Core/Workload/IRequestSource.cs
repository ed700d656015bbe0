using DesSim.Engine;

namespace DesSim.Core.Workload;

/// <summary>Offers requests one at a time in nondecreasing arrival order, so memory stays O(requests in flight).</summary>
/// <remarks>
/// Lifecycle: the executor pulls one request ahead of the clock with <see cref="TryNext"/> and schedules its arrival.
/// An open-loop source (trace, Poisson…) knows every arrival in advance. A closed-loop source returns false
/// while all its users wait, and learns of completions through <see cref="OnCompleted"/>, after which it may
/// offer a request arriving at or after that time. Sources own their random streams; they never schedule events.
/// </remarks>
public interface IRequestSource
{
    /// <summary>The next request, or false when none is known now (closed loop) or the source is exhausted.</summary>
    bool TryNext(out RequestSpec request);

    /// <summary>A request this source offered has completed at <paramref name="now"/>.</summary>
    void OnCompleted(long requestId, SimTime now);

    /// <summary>True once no further request will ever be offered.</summary>
    bool IsExhausted { get; }
}
