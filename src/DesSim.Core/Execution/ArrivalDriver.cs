using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Pulls requests from the workload one ahead of the clock and schedules their arrivals.</summary>
/// <remarks>At most one arrival of the main stream is pending, so memory is O(requests in flight), not O(trace).
/// A closed-loop source offers nothing while its users wait; completions wake it. Follow-ups of an
/// <see cref="IFollowUpRequestSource"/> (the next turn of a session) are scheduled as they are released, each on its own.</remarks>
internal sealed class ArrivalDriver(ISimContext ctx, IRequestSource source, Action<RequestSpec> dispatch) : IEventHandler
{
    private const long MainStream = 0; // event argument of the main stream's arrival; follow-ups use 1, 2, …

    private readonly Dictionary<long, RequestSpec> _followUps = [];
    private RequestSpec _pending;
    private long _followUpSeq;

    public bool HasPending { get; private set; }

    public long Offered { get; private set; }

    public bool IsDone => !HasPending && _followUps.Count == 0 && source.IsExhausted;

    public void Pull()
    {
        if (HasPending || !source.TryNext(out _pending))
        {
            return;
        }

        Check(_pending);
        HasPending = true;
        Offered++;
        ctx.ScheduleAt(_pending.Arrival, this, MainStream, EventPriority.Arrival);
    }

    public void OnCompleted(long requestId)
    {
        source.OnCompleted(requestId, ctx.Now);
        if (source is IFollowUpRequestSource followUps)
        {
            while (followUps.TryNextFollowUp(out var next))
            {
                Check(next);
                long key = ++_followUpSeq;
                _followUps.Add(key, next);
                Offered++;
                ctx.ScheduleAt(next.Arrival, this, key, EventPriority.Arrival);
            }
        }

        Pull();
    }

    public void OnEvent(long argument)
    {
        if (argument != MainStream)
        {
            _followUps.Remove(argument, out var followUp);
            dispatch(followUp);
            return;
        }

        HasPending = false;
        var request = _pending;
        dispatch(request);
        Pull();
    }

    private void Check(in RequestSpec r)
    {
        if (r.Arrival < ctx.Now)
        {
            throw new InvalidOperationException($"the workload offered request {r.Id} arriving at {r.Arrival}, before now ({ctx.Now})");
        }
    }
}
