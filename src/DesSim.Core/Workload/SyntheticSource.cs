using DesSim.Engine;

namespace DesSim.Core.Workload;

/// <summary>Open-loop synthetic load: arrivals from a process, lengths from two distributions, ids 0, 1, 2…</summary>
/// <remarks>Ends after <c>requests</c> requests or at <c>duration_s</c>. Streams: "arrivals", "input_tokens", "output_tokens".</remarks>
public sealed class SyntheticSource : IRequestSource
{
    private readonly IArrivalGenerator _arrivals;
    private readonly ILengthSampler _input, _output;
    private readonly LengthClamp _clamp;
    private readonly WorkloadDiagnostics _diagnostics;
    private readonly long? _maxRequests;
    private readonly long _endNs;
    private long _nextId;
    private bool _exhausted;

    internal SyntheticSource(SyntheticWorkloadSpec spec, RandomStreams streams, WorkloadDiagnostics diagnostics)
    {
        _arrivals = ArrivalGenerators.Create(spec.Arrival, streams.Get("arrivals"));
        _input = LengthSamplers.Create(spec.InputTokens, streams.Get("input_tokens"), isInput: true);
        _output = LengthSamplers.Create(spec.OutputTokens, streams.Get("output_tokens"), isInput: false);
        _clamp = new LengthClamp(spec.MaxModelLenTokens, spec.OnTooLong, diagnostics, boundDrops: true);
        _diagnostics = diagnostics;
        _maxRequests = spec.MaxRequests;
        _endNs = spec.DurationSeconds is { } d ? SimTime.FromSeconds(d).Nanoseconds : long.MaxValue;
    }

    /// <inheritdoc />
    public bool IsExhausted => _exhausted;

    /// <inheritdoc />
    public bool TryNext(out RequestSpec request)
    {
        request = default;
        while (!_exhausted)
        {
            if ((_maxRequests is { } cap && _nextId >= cap) || !_arrivals.TryNext(out long t) || t >= _endNs)
            {
                _exhausted = true;
                break;
            }

            int input = _input.Sample(), output = _output.Sample();
            if (!_clamp.Apply(ref input, ref output))
            {
                continue;
            }

            request = new RequestSpec(_nextId++, new SimTime(t), input, output);
            _diagnostics.RequestsOffered++;
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public void OnCompleted(long requestId, SimTime now)
    {
        // Open loop: completions do not affect arrivals.
    }
}
