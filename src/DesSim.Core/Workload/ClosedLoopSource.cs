using DesSim.Engine;

namespace DesSim.Core.Workload;

/// <summary>Closed-loop load: N users, each sending its next request when its previous one completes (after a think time).</summary>
/// <remarks>
/// The max-throughput mode of serving benchmarks. All N users send their first request at t = 0; at most N requests
/// are ever in flight. <see cref="TryNext"/> returns false while every user waits; after <see cref="OnCompleted"/>
/// at time <c>now</c> it offers one request arriving at <c>now + think_time</c>. Ends after <c>requests</c> requests,
/// or, with <c>duration_s</c>, once no user may start another request before that time and none is in flight.
/// </remarks>
public sealed class ClosedLoopSource : IRequestSource
{
    private readonly ILengthSampler _input, _output;
    private readonly LengthClamp _clamp;
    private readonly WorkloadDiagnostics _diagnostics;
    private readonly long _total;
    private readonly long _thinkNs;
    private readonly long _endNs;
    private readonly Queue<long> _ready = new();
    private readonly HashSet<long> _inFlight = [];
    private long _nextId;
    private long _droppedSlots;

    internal ClosedLoopSource(SyntheticWorkloadSpec spec, RandomStreams streams, WorkloadDiagnostics diagnostics)
    {
        _input = LengthSamplers.Create(spec.InputTokens, streams.Get("input_tokens"), isInput: true);
        _output = LengthSamplers.Create(spec.OutputTokens, streams.Get("output_tokens"), isInput: false);
        _clamp = new LengthClamp(spec.MaxModelLenTokens, spec.OnTooLong, diagnostics, boundDrops: true);
        _diagnostics = diagnostics;
        _total = spec.MaxRequests ?? throw new ArgumentException("a closed loop needs a request count", nameof(spec));
        _thinkNs = SimTime.FromSeconds(spec.Arrival.ThinkTimeSeconds).Nanoseconds;
        _endNs = spec.DurationSeconds is { } d ? SimTime.FromSeconds(d).Nanoseconds : long.MaxValue;
        Concurrency = spec.Arrival.Concurrency;
        for (long i = 0; i < Math.Min(Concurrency, _total); i++)
        {
            _ready.Enqueue(0);
        }
    }

    /// <summary>The number of users (the most requests ever in flight).</summary>
    public int Concurrency { get; }

    /// <summary>Requests offered and not yet completed.</summary>
    public int InFlight => _inFlight.Count;

    /// <inheritdoc />
    /// <remarks>With nobody ready and nothing in flight, no completion can ever release another request.</remarks>
    public bool IsExhausted => _ready.Count == 0 && (_inFlight.Count == 0 || _nextId + _droppedSlots >= _total);

    /// <inheritdoc />
    public bool TryNext(out RequestSpec request)
    {
        while (_ready.Count > 0)
        {
            long arrival = _ready.Dequeue();
            int input = _input.Sample(), output = _output.Sample();
            if (!_clamp.Apply(ref input, ref output))
            {
                // Why: a dropped draw consumes one of the requests, and the user draws again at once.
                _droppedSlots++;
                if (_nextId + _droppedSlots + _ready.Count < _total)
                {
                    _ready.Enqueue(arrival);
                }

                continue;
            }

            request = new RequestSpec(_nextId++, new SimTime(arrival), input, output);
            _inFlight.Add(request.Id);
            _diagnostics.RequestsOffered++;
            return true;
        }

        request = default;
        return false;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The id is not in flight (never offered, or completed twice).</exception>
    public void OnCompleted(long requestId, SimTime now)
    {
        if (!_inFlight.Remove(requestId))
        {
            throw new InvalidOperationException($"request {requestId} completed but is not in flight");
        }

        long next = now.Nanoseconds + _thinkNs;
        if (next >= _endNs)
        {
            // Why: past duration_s no user starts a new request; the run drains what is in flight.
            return;
        }

        if (_nextId + _droppedSlots + _ready.Count < _total)
        {
            _ready.Enqueue(next);
        }
    }
}
