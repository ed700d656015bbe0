using DesSim.Core.Scheduling;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>A replica's request front end: one process that takes the requests routed to the replica in the order they
/// come and hands each to the scheduler after its service time (<see cref="FrontEndSpec"/>).</summary>
/// <remarks>
/// A single FIFO server: request i starts service at max(its arrival, the end of request i − 1's service) and reaches
/// the scheduler <see cref="FrontEndSpec.ServiceSeconds"/> later; TTFT still counts from the arrival (the client's send).
/// Why serial: vLLM V1 preprocesses every request (parsing, chat template, tokenization, <c>add_request</c>) on the one
/// asyncio event loop of its serving process, separate from the engine-core process that schedules
/// (vllm/v1/engine/async_llm.py, vllm/v1/engine/core.py, v0.12). Requests a closed loop sends at the same instant reach the
/// engine core one service time apart, and an idle engine core starts a step with the first of them
/// (<c>EngineCoreProc.run_busy_loop</c> blocks on its input queue only while it has no requests).
/// <see cref="Abort"/> (the replica failed) returns what was inside, in order, and cancels the pending hand-over
/// (<see cref="ISimContext.Cancel"/>: it never fires).
/// </remarks>
internal sealed class FrontEndServer(ISimContext ctx, FrontEndSpec spec, Action<Sequence> handOver) : IEventHandler
{
    private readonly Queue<Sequence> _queue = new();
    private Sequence? _current;
    private EventHandle _handOver;

    /// <summary>Requests inside (queued or in service).</summary>
    public int Pending => _queue.Count + (_current is null ? 0 : 1);

    /// <summary>A request was routed here.</summary>
    public void Accept(Sequence s)
    {
        if (_current is not null)
        {
            _queue.Enqueue(s);
            return;
        }

        Start(s);
    }

    /// <summary>The request in service is done: hand it over and start the next.</summary>
    public void OnEvent(long argument)
    {
        // Why no staleness check: Abort cancels the one pending hand-over, so this event is always the current request's.
        var done = _current!;
        _current = null;
        _handOver = EventHandle.None;
        if (_queue.Count > 0)
        {
            Start(_queue.Dequeue());
        }

        handOver(done);
    }

    /// <summary>Empties the front end (the replica failed): the request in service first, then the queue.</summary>
    public List<Sequence> Abort()
    {
        var lost = new List<Sequence>(Pending);
        if (_current is { } c)
        {
            lost.Add(c);
        }

        lost.AddRange(_queue);
        _queue.Clear();
        _current = null;
        ctx.Cancel(_handOver);
        _handOver = EventHandle.None;
        return lost;
    }

    private void Start(Sequence s)
    {
        _current = s;
        _handOver = ctx.Schedule(SimTime.FromSeconds(spec.ServiceSeconds(s.PromptTokens)), this, 0, EventPriority.Arrival);
    }
}
