using DesSim.Engine;

namespace DesSim.Core.Workload;

/// <summary>Closed-loop load: N users, each sending its next request when its previous one completes (after a think time).</summary>
/// <remarks>
/// The max-throughput mode of serving benchmarks. At most N requests are ever in flight. Without a ramp all N users send
/// their first request at t = 0 (aiperf <c>--concurrency N</c> issues its credits as fast as its semaphore allows:
/// ai-dynamo/aiperf aiperf/timing/request_rate_strategy.py, <c>ConcurrencyBurstRateGenerator</c> returns a 0 interval;
/// <c>vllm bench serve --max-concurrency N --request-rate inf</c> likewise releases N tasks through its semaphore at once,
/// vllm/benchmarks/serve.py). With <c>ramp_s</c> user i sends its first request at i · ramp / (N − 1), as aiperf's
/// <c>--concurrency-ramp-duration</c> raises its limit by one slot at even intervals from 1 to N (docs/tutorials/ramping.md).
/// <see cref="TryNext"/> offers the first requests in send order and returns false while every started user waits; after
/// <see cref="OnCompleted"/> at time <c>now</c> the user's next request arrives at <c>now + think_time</c>.
/// A request due before the ramp's last first send is released as a follow-up (<see cref="TryNextFollowUp"/>, scheduled on
/// its own) because it may come before first sends still to go; later ones join the main stream, so a run without a ramp
/// offers exactly what it did before ramps existed. During a ramp, ids follow offer order, not always send order.
/// Ends after <c>requests</c> requests, or, with <c>duration_s</c>, once no user may start another request before that time and none is in flight.
/// </remarks>
public sealed class ClosedLoopSource : IFollowUpRequestSource
{
    private readonly ILengthSampler _input, _output;
    private readonly LengthClamp _clamp;
    private readonly WorkloadDiagnostics _diagnostics;
    private readonly long _total;
    private readonly long _thinkNs;
    private readonly long _endNs;
    private readonly Queue<long> _ready = new();
    private readonly Queue<long> _followUps = new();
    private readonly HashSet<long> _inFlight = [];
    private readonly long _lastFirstSendNs;
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
        long users = Math.Min(Concurrency, _total);
        for (long i = 0; i < users; i++)
        {
            long first = FirstSendNs(i, users, spec.Arrival.RampSeconds);
            if (i > 0 && first >= _endNs)
            {
                break; // Why: a user whose ramp slot opens at or after duration_s never starts.
            }

            _ready.Enqueue(first);
        }

        _lastFirstSendNs = _ready.Count > 0 ? _ready.Max() : 0;
    }

    /// <summary>The number of users (the most requests ever in flight).</summary>
    public int Concurrency { get; }

    /// <summary>Requests offered and not yet completed.</summary>
    public int InFlight => _inFlight.Count;

    /// <inheritdoc />
    /// <remarks>With nobody ready and nothing in flight, no completion can ever release another request.</remarks>
    public bool IsExhausted => _ready.Count == 0 && _followUps.Count == 0 && (_inFlight.Count == 0 || _nextId + _droppedSlots >= _total);

    private long Queued => _ready.Count + _followUps.Count;

    /// <summary>When user <paramref name="user"/> of <paramref name="users"/> sends its first request (ns): i · ramp / (users − 1).</summary>
    public static long FirstSendNs(long user, long users, double rampSeconds) =>
        users <= 1 || rampSeconds <= 0 ? 0 : SimTime.FromSeconds(rampSeconds * user / (users - 1)).Nanoseconds;

    /// <inheritdoc />
    public bool TryNext(out RequestSpec request) => TryOffer(_ready, out request);

    /// <inheritdoc />
    public bool TryNextFollowUp(out RequestSpec request) => TryOffer(_followUps, out request);

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

        if (_nextId + _droppedSlots + Queued < _total)
        {
            // Why: a request due before the ramp's last first send may come before first sends the main stream already
            // holds (or has scheduled), so it is scheduled on its own; from then on the main stream stays in send order.
            (next < _lastFirstSendNs ? _followUps : _ready).Enqueue(next);
        }
    }

    private bool TryOffer(Queue<long> queue, out RequestSpec request)
    {
        while (queue.TryDequeue(out long arrival))
        {
            while (true)
            {
                int input = _input.Sample(), output = _output.Sample();
                if (_clamp.Apply(ref input, ref output))
                {
                    request = new RequestSpec(_nextId++, new SimTime(arrival), input, output);
                    _inFlight.Add(request.Id);
                    _diagnostics.RequestsOffered++;
                    return true;
                }

                // Why: a dropped draw consumes one of the requests, and the user draws again at once (same send time).
                _droppedSlots++;
                if (_nextId + _droppedSlots + Queued >= _total)
                {
                    break;
                }
            }
        }

        request = default;
        return false;
    }
}
