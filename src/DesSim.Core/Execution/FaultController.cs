using DesSim.Core.Scheduling;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Runs a <see cref="FaultPlan"/>'s replica failures and recoveries: a failure takes the replica out of routing,
/// drops its work and retries every request it held on the others; a recovery brings it back and routes the requests
/// parked while every replica was down.</summary>
/// <remarks>Failures run at <see cref="EventPriority.Completion"/> − 1, before work finishing at the same instant, so a
/// micro-batch that would end exactly at the failure is lost too. Event argument: index into the sorted event list.</remarks>
internal sealed class FaultController(ISimContext ctx, FaultPlan plan, ReplicaEngine[] replicas, Dispatcher dispatcher, IServingObserver observer) : IEventHandler
{
    private readonly (long AtNs, int Replica, bool Down)[] _events = plan.Failures
        .SelectMany(f => f.RecoverSeconds is { } rec
            ? new[] { (Nanoseconds.FromSeconds(f.AtSeconds), f.Replica, true), (Nanoseconds.FromSeconds(rec), f.Replica, false) }
            : [(Nanoseconds.FromSeconds(f.AtSeconds), f.Replica, true)])
        .OrderBy(e => e.Item1).ThenBy(e => e.Item2).ThenBy(e => e.Item3)
        .ToArray();

    /// <summary>Restarts of requests whose replica failed (one request may be retried more than once).</summary>
    public long Retries { get; private set; }

    /// <summary>Distinct requests retried at least once.</summary>
    public long RetriedRequests { get; private set; }

    /// <summary>Output tokens produced and then discarded because their replica failed.</summary>
    public long DiscardedTokens { get; private set; }

    /// <summary>Puts every failure and recovery on the event queue.</summary>
    public void Start()
    {
        for (int i = 0; i < _events.Length; i++)
        {
            ctx.ScheduleAt(new SimTime(_events[i].AtNs), this, i, EventPriority.Completion - 1);
        }
    }

    public void OnEvent(long argument)
    {
        var (_, replica, down) = _events[argument];
        if (down)
        {
            Fail(replica);
        }
        else
        {
            Recover(replica);
        }
    }

    /// <summary>Fails replica <paramref name="replica"/> and retries every request it held on the others.</summary>
    private void Fail(int replica)
    {
        if (!dispatcher.IsUp(replica))
        {
            return;
        }

        dispatcher.SetUp(replica, false);
        foreach (var s in replicas[replica].Fail())
        {
            Retry(s);
        }
    }

    /// <summary>Brings replica <paramref name="replica"/> back and routes the requests parked while every replica was down.</summary>
    private void Recover(int replica)
    {
        dispatcher.SetUp(replica, true);
        replicas[replica].Recover();
        dispatcher.RouteParked();
    }

    private void Retry(Sequence s)
    {
        Retries++;
        RetriedRequests += s.Retries == 0 ? 1 : 0;
        DiscardedTokens += s.GeneratedTokens;
        observer.OnRetried(s, ctx.Now);
        s.ResetForRetry();
        dispatcher.Route(s);
    }
}
