using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Pulls requests from the workload one ahead of the clock and schedules their arrivals.</summary>
/// <remarks>At most one arrival event is pending, so memory is O(requests in flight), not O(trace).
/// A closed-loop source offers nothing while its users wait; completions wake it.</remarks>
internal sealed class ArrivalDriver(ISimContext ctx, IRequestSource source, Action<RequestSpec> dispatch) : IEventHandler
{
    private RequestSpec _pending;

    public bool HasPending { get; private set; }

    public long Offered { get; private set; }

    public bool IsDone => !HasPending && source.IsExhausted;

    public void Pull()
    {
        if (HasPending || !source.TryNext(out _pending))
        {
            return;
        }

        if (_pending.Arrival < ctx.Now)
        {
            throw new InvalidOperationException($"the workload offered request {_pending.Id} arriving at {_pending.Arrival}, before now ({ctx.Now})");
        }

        HasPending = true;
        Offered++;
        ctx.ScheduleAt(_pending.Arrival, this, 0, EventPriority.Arrival);
    }

    public void OnCompleted(long requestId)
    {
        source.OnCompleted(requestId, ctx.Now);
        Pull();
    }

    public void OnEvent(long argument)
    {
        HasPending = false;
        var request = _pending;
        dispatch(request);
        Pull();
    }
}
