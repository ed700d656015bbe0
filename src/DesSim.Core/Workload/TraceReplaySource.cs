using System.Globalization;
using DesSim.Engine;

namespace DesSim.Core.Workload;

/// <summary>Replays a trace file as requests, streaming: one row parsed per request, plus a bounded reorder window.</summary>
/// <remarks>
/// Pipeline per row: parse → reorder window (rows out of order by at most <see cref="TraceWorkloadSpec.ReorderWindowRows"/>
/// rows are re-sorted with a warning; more is an error) → rebase wall-clock stamps to the first request → time window
/// → sampling (stream "sampling") → length clamp → <c>max_requests</c> → arrival = (t − start) / rate_scale, rounded to ns.
/// Memory: O(reorder window), independent of the file's length.
/// </remarks>
public sealed class TraceReplaySource : IRequestSource, IDisposable
{
    private readonly ITraceRowReader _reader;
    private readonly TraceWorkloadSpec _spec;
    private readonly WorkloadDiagnostics _diagnostics;
    private readonly LengthClamp _clamp;
    private readonly RandomStream? _sampling;
    private readonly PriorityQueue<TraceRow, (long TimeNs, long Seq)> _window = new();
    private readonly long _startNs;
    private readonly long _endNs;
    private long _seq;
    private long _maxSeenNs = long.MinValue;
    private long _lastEmittedNs = long.MinValue;
    private long? _originNs;
    private long _nextId;
    private bool _fileDone;
    private bool _exhausted;

    internal TraceReplaySource(ITraceRowReader reader, TraceWorkloadSpec spec, WorkloadDiagnostics diagnostics, RandomStreams streams)
    {
        _reader = reader;
        _spec = spec;
        _diagnostics = diagnostics;
        _clamp = new LengthClamp(spec.MaxModelLenTokens, spec.OnTooLong, diagnostics);
        _sampling = spec.SampleFraction < 1.0 ? streams.Get("sampling") : null;
        _startNs = SimTime.FromSeconds(spec.StartSeconds ?? 0).Nanoseconds;
        _endNs = spec.DurationSeconds is { } d ? _startNs + SimTime.FromSeconds(d).Nanoseconds : long.MaxValue;
    }

    /// <inheritdoc />
    public bool IsExhausted => _exhausted;

    /// <inheritdoc />
    public bool TryNext(out RequestSpec request)
    {
        request = default;
        while (!_exhausted)
        {
            if (_spec.MaxRequests is { } cap && _diagnostics.RequestsOffered >= cap)
            {
                Finish();
                break;
            }

            if (!NextSorted(out var row))
            {
                Finish();
                break;
            }

            long t = row.TimeNs - (_originNs ??= _reader.RebaseToFirst ? row.TimeNs : 0);
            if (t < _startNs)
            {
                _diagnostics.OutsideWindow++;
                continue;
            }

            if (t >= _endNs)
            {
                // Why: rows come out sorted, so nothing later can fall inside the window; stop reading the file.
                Finish();
                break;
            }

            if (_sampling is not null && _sampling.NextDouble() >= _spec.SampleFraction)
            {
                _diagnostics.SampledOut++;
                continue;
            }

            int input = row.InputTokens, output = row.OutputTokens;
            if (!_clamp.Apply(ref input, ref output))
            {
                continue;
            }

            long offset = t - _startNs;
            long arrival = _spec.RateScale == 1.0 ? offset : SimTime.FromNanosecondsRounded(offset / _spec.RateScale).Nanoseconds;
            request = new RequestSpec(row.Id ?? _nextId++, new SimTime(arrival), input, output, row.HashIds is { } ids ? PrefixIdentity.Mooncake(ids, input) : null);
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

    /// <summary>Closes the file.</summary>
    public void Dispose() => _reader.Dispose();

    private void Finish()
    {
        _exhausted = true;
        _reader.Dispose();
    }

    private bool NextSorted(out TraceRow row)
    {
        while (!_fileDone && _window.Count <= _spec.ReorderWindowRows)
        {
            if (!_reader.TryRead(out var r))
            {
                _fileDone = true;
                break;
            }

            if (r.TimeNs < _maxSeenNs)
            {
                if (_diagnostics.ReorderedRows == 0)
                {
                    _diagnostics.Warn(string.Create(CultureInfo.InvariantCulture, $"timestamps are not sorted (first at line {r.Line}); rows re-sorted by time within a window of {_spec.ReorderWindowRows} rows"));
                }

                _diagnostics.ReorderedRows++;
            }

            _maxSeenNs = Math.Max(_maxSeenNs, r.TimeNs);
            _window.Enqueue(r, (r.TimeNs, _seq++));
        }

        if (!_window.TryDequeue(out row, out _))
        {
            return false;
        }

        if (row.TimeNs < _lastEmittedNs)
        {
            throw new InputException(_spec.TracePath, row.Line.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"timestamp is earlier than a row more than {_spec.ReorderWindowRows} rows before it: the trace is not sorted by time"), "sort the file by its time column first");
        }

        _lastEmittedNs = row.TimeNs;
        return true;
    }
}
