using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.TestDoubles;

/// <summary>An open-loop source over a fixed list of requests (sorted by arrival).</summary>
internal sealed class ListRequestSource(IEnumerable<RequestSpec> requests) : IRequestSource
{
    private readonly Queue<RequestSpec> _queue = new(requests.OrderBy(r => r.Arrival.Nanoseconds).ThenBy(r => r.Id));

    public bool IsExhausted => _queue.Count == 0;

    public List<long> CompletedIds { get; } = [];

    public static ListRequestSource Of(params (double ArrivalSeconds, int Input, int Output)[] rows) =>
        new(rows.Select((r, i) => new RequestSpec(i, SimTime.FromSeconds(r.ArrivalSeconds), r.Input, r.Output)));

    public bool TryNext(out RequestSpec request) => _queue.TryDequeue(out request);

    public void OnCompleted(long requestId, SimTime now) => CompletedIds.Add(requestId);
}
