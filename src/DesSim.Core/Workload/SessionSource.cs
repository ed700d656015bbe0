using DesSim.Engine;
using MathNet.Numerics.Distributions;

namespace DesSim.Core.Workload;

/// <summary>Multi-turn sessions (<see cref="SessionWorkloadSpec"/>): first turns from the arrival process, each later turn a
/// follow-up of the previous turn's completion after a think time.</summary>
/// <remarks>
/// A session's token stream only grows (system prompt, user message, answer, user message, …), so a full 16-token block of
/// it never changes: it keeps its id for every later turn, and the blocks of a shared system prompt have that prompt's
/// ids. The partial last block of a turn gets a fresh id (its content differs from any other). Ids come from one counter,
/// in offer order, so runs are deterministic. Memory: per active session its block ids (its history / 16); finished
/// sessions are dropped.
/// </remarks>
public sealed class SessionSource : IFollowUpRequestSource
{
    private const int Block = SessionWorkloadSpec.IdentityBlockTokens;

    private readonly IArrivalGenerator _starts;
    private readonly ILengthSampler _input, _output, _turns;
    private readonly RandomStream _think, _system;
    private readonly SessionWorkloadSpec _sessions;
    private readonly WorkloadDiagnostics _diagnostics;
    private readonly long _endNs;
    private readonly int? _maxModelLen;
    private readonly int[][] _systemIds;
    private readonly double[] _systemCdf;
    private readonly Dictionary<long, Session> _active = [];
    private readonly Queue<RequestSpec> _ready = new();
    private long _started;
    private long _nextId;
    private int _nextBlockId;
    private bool _startsDone;

    internal SessionSource(SyntheticWorkloadSpec spec, RandomStreams streams, WorkloadDiagnostics diagnostics)
    {
        _sessions = spec.Sessions ?? throw new ArgumentException("not a sessions workload", nameof(spec));
        _starts = ArrivalGenerators.Create(spec.Arrival, streams.Get("arrivals"));
        _input = LengthSamplers.Create(spec.InputTokens, streams.Get("input_tokens"), isInput: true);
        _output = LengthSamplers.Create(spec.OutputTokens, streams.Get("output_tokens"), isInput: false);
        _turns = LengthSamplers.Create(_sessions.Turns, streams.Get("session_turns"), isInput: false);
        _think = streams.Get("think_time");
        _system = streams.Get("system_prompts");
        _diagnostics = diagnostics;
        _endNs = spec.DurationSeconds is { } d ? SimTime.FromSeconds(d).Nanoseconds : long.MaxValue;
        _maxModelLen = spec.MaxModelLenTokens;
        var sp = _sessions.SystemPrompts;
        _systemIds = new int[sp.Count][];
        _systemCdf = new double[sp.Count];
        double total = 0;
        for (int k = 0; k < sp.Count; k++)
        {
            _systemIds[k] = Enumerable.Range(0, sp.Tokens / Block).Select(_ => NewBlockId()).ToArray();
            total += sp.Zipf ? 1.0 / Math.Pow(k + 1, sp.Exponent) : 1.0;
            _systemCdf[k] = total;
        }

        for (int k = 0; k < sp.Count; k++)
        {
            _systemCdf[k] /= total;
        }
    }

    /// <summary>Sessions now between turns or waiting for an answer.</summary>
    public int ActiveSessions => _active.Count;

    /// <inheritdoc />
    public bool IsExhausted => _startsDone && _active.Count == 0 && _ready.Count == 0;

    /// <inheritdoc />
    public bool TryNext(out RequestSpec request)
    {
        while (!_startsDone)
        {
            if (_started >= _sessions.Sessions || !_starts.TryNext(out long t) || t >= _endNs)
            {
                _startsDone = true;
                break;
            }

            _started++;
            var s = new Session(_started - 1, _turns.Sample());
            if (_systemIds.Length > 0)
            {
                // Prompt k covers [cdf[k−1], cdf[k]): the first cumulative weight above the draw.
                int i = Array.BinarySearch(_systemCdf, _system.NextDouble());
                s.System = Math.Min(i < 0 ? ~i : i + 1, _systemIds.Length - 1);
                s.StreamTokens = _sessions.SystemPrompts.Tokens;
            }

            if (Turn(s, t, out request))
            {
                return true;
            }
        }

        request = default;
        return false;
    }

    /// <inheritdoc />
    public bool TryNextFollowUp(out RequestSpec request) => _ready.TryDequeue(out request);

    /// <inheritdoc />
    public void OnCompleted(long requestId, SimTime now)
    {
        if (!_active.Remove(requestId, out var s))
        {
            return; // the session's last turn
        }

        double pause = _sessions.ThinkTime.Exponential && _sessions.ThinkTime.MeanSeconds > 0
            ? Exponential.Sample(_think, 1.0 / _sessions.ThinkTime.MeanSeconds)
            : _sessions.ThinkTime.MeanSeconds;
        long at = now.Nanoseconds + SimTime.FromSeconds(pause).Nanoseconds;
        if (at < _endNs && Turn(s, at, out var next))
        {
            _ready.Enqueue(next);
        }
    }

    // The session's next turn arriving at atNs; false when the session ends instead (too long for max_model_len).
    private bool Turn(Session s, long atNs, out RequestSpec request)
    {
        request = default;
        int user = _input.Sample(), output = _output.Sample();
        long prompt = (long)s.StreamTokens + user;
        long total = prompt + output;
        if (total > (_maxModelLen ?? TraceLimits.MaxTokens))
        {
            _diagnostics.DroppedTooLong++;
            return false;
        }

        int full = (int)(total / Block);
        var sp = _systemIds.Length > 0 ? _systemIds[s.System] : [];
        while (s.Ids.Count < full)
        {
            int b = s.Ids.Count;
            s.Ids.Add(b < sp.Length ? sp[b] : NewBlockId());
        }

        int[] ids = total % Block == 0 ? [.. s.Ids] : [.. s.Ids, NewBlockId()];
        request = new RequestSpec(_nextId++, new SimTime(atNs), (int)prompt, output, new PrefixIdentity(ids, Block, (int)total), s.Id);
        _diagnostics.RequestsOffered++;
        s.StreamTokens = (int)total;
        if (--s.TurnsLeft > 0)
        {
            _active.Add(request.Id, s);
        }

        return true;
    }

    private int NewBlockId() => _nextBlockId < int.MaxValue
        ? _nextBlockId++
        : throw new InvalidOperationException("sessions workload ran out of 32-bit block ids");

    private sealed class Session(long id, int turns)
    {
        public long Id { get; } = id;

        public int TurnsLeft { get; set; } = turns;

        public int System { get; set; }

        public int StreamTokens { get; set; }

        public List<int> Ids { get; } = [];
    }
}
