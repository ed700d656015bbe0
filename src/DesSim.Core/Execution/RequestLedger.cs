using DesSim.Core.Scheduling;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Counts requests into and out of the cluster (arrived, completed, rejected) and, as each one ends, tells the
/// observer and the arrival driver (<paramref name="requestDone"/>: a closed-loop user sends its next request).</summary>
internal sealed class RequestLedger(ISimContext ctx, IServingObserver observer, Action<long> requestDone)
{
    /// <summary>Requests that arrived.</summary>
    public long Arrived { get; private set; }

    /// <summary>Requests that completed.</summary>
    public long Completed { get; private set; }

    /// <summary>Requests dropped as impossible to serve.</summary>
    public long Rejected { get; private set; }

    /// <summary>Requests that arrived carrying a prefix identity (Mooncake <c>hash_ids</c>, synthetic sessions).</summary>
    public long PrefixIdentified { get; private set; }

    /// <summary>Time of the last completion.</summary>
    public SimTime LastCompletion { get; private set; }

    /// <summary>Whether every request that arrived has completed or been rejected.</summary>
    public bool AllEnded => Completed + Rejected == Arrived;

    /// <summary>A request arrived (and was given its replica).</summary>
    public void Arrive(Sequence s)
    {
        Arrived++;
        PrefixIdentified += s.Request.Prefix is null ? 0 : 1;
        observer.OnArrived(s, ctx.Now);
    }

    /// <summary>A request can never be served: it is dropped.</summary>
    public void Reject(Sequence s, string reason)
    {
        s.Status = SequenceStatus.Rejected;
        Rejected++;
        observer.OnRejected(s, ctx.Now, reason);
        requestDone(s.Id);
    }

    /// <summary>A request produced its last token.</summary>
    public void Complete(Sequence s)
    {
        Completed++;
        LastCompletion = ctx.Now;
        observer.OnCompleted(s, ctx.Now);
        requestDone(s.Id);
    }
}
