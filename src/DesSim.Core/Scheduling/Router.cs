using DesSim.Engine;

namespace DesSim.Core.Scheduling;

/// <summary>Picks a data-parallel replica for each arriving request.</summary>
/// <remarks>Loads are supplied by the executor (outstanding requests and tokens per replica); replicas marked down
/// are skipped. Power-of-two draws from its own named stream so routing never shifts other draws.</remarks>
public sealed class Router
{
    private readonly RouterKind _kind;
    private readonly RandomStream? _rng;
    private readonly PrefixRouterOptions _prefix;
    private int _next;

    /// <summary>Creates a router; <paramref name="prefix"/> weighs the <c>prefix-aware</c> cost (default: Dynamo's).</summary>
    public Router(RouterKind kind, RandomStream? rng = null, PrefixRouterOptions? prefix = null)
    {
        _kind = kind;
        _rng = rng;
        _prefix = prefix ?? PrefixRouterOptions.Default;
        if (kind == RouterKind.PowerOfTwo && rng is null)
        {
            throw new ArgumentNullException(nameof(rng), "power-of-two routing needs a random stream");
        }
    }

    /// <summary>The replica for the next request; -1 when every replica is down.</summary>
    /// <param name="outstandingRequests">Requests held per replica.</param>
    /// <param name="outstandingTokens">Prompt plus remaining output tokens held per replica.</param>
    /// <param name="up">Whether each replica is up.</param>
    /// <param name="cachedTokens">Prefix-aware only: the request's prompt tokens each replica has cached.</param>
    /// <param name="promptTokens">Prefix-aware only: the request's prompt length.</param>
    public int Pick(ReadOnlySpan<int> outstandingRequests, ReadOnlySpan<long> outstandingTokens, ReadOnlySpan<bool> up, ReadOnlySpan<int> cachedTokens = default, int promptTokens = 0)
    {
        int n = up.Length;
        int live = 0;
        foreach (bool u in up)
        {
            live += u ? 1 : 0;
        }

        if (live == 0)
        {
            return -1;
        }

        switch (_kind)
        {
            case RouterKind.RoundRobin:
                for (int k = 0; k < n; k++)
                {
                    int r = (_next + k) % n;
                    if (up[r])
                    {
                        _next = (r + 1) % n;
                        return r;
                    }
                }

                return -1;
            case RouterKind.LeastOutstanding:
            {
                int best = -1;
                for (int r = 0; r < n; r++)
                {
                    if (up[r] && (best < 0 || outstandingRequests[r] < outstandingRequests[best]))
                    {
                        best = r;
                    }
                }

                return best;
            }

            case RouterKind.PrefixAware:
            {
                int best = -1;
                double bestCost = double.PositiveInfinity;
                for (int r = 0; r < n; r++)
                {
                    if (!up[r])
                    {
                        continue;
                    }

                    int cached = cachedTokens.IsEmpty ? 0 : cachedTokens[r];
                    double cost = (_prefix.OverlapWeight * (promptTokens - cached)) + (_prefix.LoadWeight * outstandingTokens[r]);
                    if (cost < bestCost)
                    {
                        best = r;
                        bestCost = cost;
                    }
                }

                return best;
            }

            default:
            {
                int a = NthUp(up, _rng!.Next(live));
                int b = live > 1 ? NthUp(up, (IndexAmongUp(up, a) + 1 + _rng.Next(live - 1)) % live) : a;
                return outstandingTokens[b] < outstandingTokens[a] || (outstandingTokens[b] == outstandingTokens[a] && b < a) ? b : a;
            }
        }
    }

    private static int NthUp(ReadOnlySpan<bool> up, int k)
    {
        for (int r = 0; r < up.Length; r++)
        {
            if (up[r] && k-- == 0)
            {
                return r;
            }
        }

        throw new InvalidOperationException("no such live replica");
    }

    private static int IndexAmongUp(ReadOnlySpan<bool> up, int replica)
    {
        int k = 0;
        for (int r = 0; r < replica; r++)
        {
            k += up[r] ? 1 : 0;
        }

        return k;
    }
}
