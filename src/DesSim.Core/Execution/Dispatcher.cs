using DesSim.Core.Parallelism;
using DesSim.Core.Scheduling;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Admits arriving requests: routes each to a replica (the router's choice among the live replicas that hold it,
/// or its session's replica), rejects one that no replica can ever hold, and parks one while every replica is down.</summary>
/// <remarks>Disaggregated runs route to the prefill pool (prompt + 1 tokens must fit a prefill instance, the whole
/// context a decode instance). The fault controller marks replicas down and up (<see cref="SetUp"/>) and re-routes the
/// requests a failure drops (<see cref="Route"/>).</remarks>
internal sealed class Dispatcher
{
    private readonly ISimContext _ctx;
    private readonly ReplicaEngine[] _replicas;
    private readonly RequestLedger _requests;
    private readonly Router _router;
    private readonly bool _disaggregated;
    private readonly int[]? _cachedTokens; // prefix-aware scratch: the request's cached prompt tokens per replica
    private readonly Dictionary<long, int>? _sessionReplica; // session affinity: each session's latest replica
    private readonly int[] _outstandingRequests; // scratch for the router, filled from the replicas before each pick
    private readonly long[] _outstandingTokens; // scratch for the router, as above
    private readonly bool[] _up;
    private readonly bool[] _eligible;
    private readonly long _maxContextTokens; // the largest virtual engine's KV partition over the replicas
    private readonly long _minContextTokens;
    private readonly long _prefillContextTokens; // disaggregated: the largest prefill virtual engine (prompt + first token)
    private readonly long _decodeContextTokens;  // disaggregated: the largest decode virtual engine (prompt + output)
    private readonly Queue<Sequence> _parked = new();

    /// <summary>Routes over <paramref name="replicas"/> with <paramref name="routerKind"/> (its random stream, if any, from
    /// <paramref name="ctx"/>); <paramref name="disaggregated"/>: new requests go to the prefill replicas only.</summary>
    public Dispatcher(ISimContext ctx, ReplicaEngine[] replicas, RouterKind routerKind, PrefixRouterOptions prefixRouting, bool disaggregated, RequestLedger requests)
    {
        _ctx = ctx;
        _replicas = replicas;
        _requests = requests;
        _disaggregated = disaggregated;
        _router = new Router(routerKind, routerKind == RouterKind.PowerOfTwo ? ctx.Streams.Get("router") : null, prefixRouting);
        _cachedTokens = routerKind == RouterKind.PrefixAware ? new int[replicas.Length] : null;
        _sessionReplica = prefixRouting.SessionAffinity ? [] : null;
        _outstandingRequests = new int[replicas.Length];
        _outstandingTokens = new long[replicas.Length];
        _up = Enumerable.Repeat(true, replicas.Length).ToArray();
        _eligible = new bool[replicas.Length];
        _maxContextTokens = replicas.Max(r => r.MaxContextTokens);
        _minContextTokens = replicas.Min(r => r.MaxContextTokens);
        if (disaggregated)
        {
            _prefillContextTokens = replicas.Where(r => r.Role == PoolRole.Prefill).Max(r => r.MaxContextTokens);
            _decodeContextTokens = replicas.Where(r => r.Role == PoolRole.Decode).Max(r => r.MaxContextTokens);
        }
    }

    /// <summary>Requests waiting for a replica to come up.</summary>
    public int Parked => _parked.Count;

    /// <summary>Whether replica <paramref name="replica"/> is up.</summary>
    public bool IsUp(int replica) => _up[replica];

    /// <summary>Marks replica <paramref name="replica"/> up or down (a down replica is never picked).</summary>
    public void SetUp(int replica, bool up) => _up[replica] = up;

    /// <summary>A request arrives (the arrival driver's event): it is counted, routed and queued, or rejected.</summary>
    public void Dispatch(RequestSpec request)
    {
        long context = (long)request.InputTokens + request.OutputTokens;
        if (_disaggregated)
        {
            DispatchDisaggregated(request, context);
            return;
        }

        // Why two ways: on replicas of different KV capacity, a request too long for some goes only to those that hold it.
        int replica = Affine(request, context) ?? (context <= _minContextTokens || context > _maxContextTokens ? PickReplica(request) : PickReplica(request, context));
        if (_sessionReplica is not null && request.SessionId >= 0 && replica >= 0)
        {
            _sessionReplica[request.SessionId] = replica;
        }

        var s = Arrive(request, replica);
        if (context > _maxContextTokens)
        {
            _requests.Reject(s, $"prompt + output = {context} tokens exceeds the KV capacity of one virtual engine ({_maxContextTokens} tokens: the replica's cache split over its {_replicas[replica].Stages} pipeline stages)");
            return;
        }

        Enqueue(s, replica);
    }

    /// <summary>Routes a request again (its replica failed): the router's choice among the live replicas, or parked.</summary>
    public void Route(Sequence s) => Enqueue(s, PickReplica(s.Request));

    /// <summary>Routes the requests parked while every replica was down (a replica came back).</summary>
    public void RouteParked()
    {
        while (_parked.Count > 0)
        {
            Route(_parked.Dequeue());
        }
    }

    private Sequence Arrive(in RequestSpec request, int replica)
    {
        var s = new Sequence(request, replica, _ctx.Now);
        _requests.Arrive(s);
        return s;
    }

    // A request prefills on a prefill instance that holds prompt + 1 tokens, and needs a decode instance that holds it all.
    private void DispatchDisaggregated(RequestSpec request, long context)
    {
        long prefillTokens = (long)request.InputTokens + 1;
        bool fits = prefillTokens <= _prefillContextTokens && (request.OutputTokens <= 1 || context <= _decodeContextTokens);
        for (int r = 0; r < _replicas.Length; r++)
        {
            _outstandingRequests[r] = _replicas[r].OutstandingRequests;
            _outstandingTokens[r] = _replicas[r].OutstandingTokens;
            _eligible[r] = _replicas[r].Role == PoolRole.Prefill && (!fits || _replicas[r].MaxContextTokens >= prefillTokens);
        }

        // Why Cached: a prefix-aware prefill router weighs each prefill instance's cached prompt tokens (decode instances
        // are not eligible); session affinity keeps a session's turns on one prefill instance, as in colocated runs.
        int replica = (fits ? Affine(request, prefillTokens) : null) ?? _router.Pick(_outstandingRequests, _outstandingTokens, _eligible, Cached(request), request.InputTokens);
        if (_sessionReplica is not null && request.SessionId >= 0 && replica >= 0 && fits)
        {
            _sessionReplica[request.SessionId] = replica;
        }

        var s = Arrive(request, replica);
        if (!fits)
        {
            _requests.Reject(s, prefillTokens > _prefillContextTokens
                ? $"prompt + 1 = {prefillTokens} tokens exceeds the KV capacity of every prefill virtual engine ({_prefillContextTokens} tokens)"
                : $"prompt + output = {context} tokens exceeds the KV capacity of every decode virtual engine ({_decodeContextTokens} tokens)");
            return;
        }

        Enqueue(s, replica);
    }

    // Session affinity: the replica of the session's previous turn while it is up and holds the request; else null.
    private int? Affine(in RequestSpec request, long context) =>
        _sessionReplica is not null && request.SessionId >= 0 && _sessionReplica.TryGetValue(request.SessionId, out int r)
            && _up[r] && _replicas[r].MaxContextTokens >= context ? r : null;

    /// <summary>The router's choice given each replica's current load (-1 when every replica is down).</summary>
    private int PickReplica(in RequestSpec request)
    {
        for (int r = 0; r < _replicas.Length; r++)
        {
            _outstandingRequests[r] = _replicas[r].OutstandingRequests;
            _outstandingTokens[r] = _replicas[r].OutstandingTokens;
        }

        return _router.Pick(_outstandingRequests, _outstandingTokens, _up, Cached(request), request.InputTokens);
    }

    /// <summary>As <see cref="PickReplica(in RequestSpec)"/>, among the live replicas whose virtual engines hold <paramref name="context"/> tokens.</summary>
    private int PickReplica(in RequestSpec request, long context)
    {
        for (int r = 0; r < _replicas.Length; r++)
        {
            _outstandingRequests[r] = _replicas[r].OutstandingRequests;
            _outstandingTokens[r] = _replicas[r].OutstandingTokens;
            _eligible[r] = _up[r] && _replicas[r].MaxContextTokens >= context;
        }

        return _router.Pick(_outstandingRequests, _outstandingTokens, _eligible, Cached(request), request.InputTokens);
    }

    // Prefix-aware routing: each replica's cached prompt tokens for the request (empty for other routers).
    private ReadOnlySpan<int> Cached(in RequestSpec request)
    {
        if (_cachedTokens is null)
        {
            return default;
        }

        ulong[]? keys = null;
        int unit = 0;
        for (int r = 0; r < _replicas.Length; r++)
        {
            _cachedTokens[r] = _replicas[r].CachedPrefixTokens(request, ref keys, ref unit);
        }

        return _cachedTokens;
    }

    private void Enqueue(Sequence s, int replica)
    {
        if (replica < 0)
        {
            _parked.Enqueue(s); // Why: every replica is down; a recovery routes it (FaultPlan guarantees one).
            return;
        }

        s.Replica = replica;
        _replicas[replica].Enqueue(s);
    }
}
