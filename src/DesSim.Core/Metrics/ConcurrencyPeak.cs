namespace DesSim.Core.Metrics;

/// <summary>The most requests in flight at once, as <c>vllm bench serve</c> counts them (<c>max_concurrent_requests</c>,
/// "Peak concurrent requests"): the run is cut into whole seconds from the first arrival of a completed request, each
/// completed request counts in every second from the one holding its arrival to the one holding its completion
/// (both included), and the peak is the largest count.</summary>
/// <remarks>Source: vllm-project/vllm <c>vllm/benchmarks/serve.py</c>, <c>calculate_metrics</c> (<c>concurrent_requests_per_second</c>
/// over successful outputs, <c>int(start - min_start)</c> to <c>int(start + latency - min_start)</c>). A request's
/// "start" there is the client's send, here its arrival; its latency the E2EL. Because it counts per second, a request
/// that ends early in a second and one that starts late in it both count: it is an upper bound on the instantaneous peak.
/// Rejected requests are not counted (vLLM counts only successful ones). Linear in requests plus seconds.</remarks>
public static class ConcurrencyPeak
{
    private const long NanosecondsPerBucket = 1_000_000_000; // vLLM's one-second buckets

    /// <summary>The peak over <paramref name="completed"/> (0 when there are none). It is enumerated twice (the request
    /// log streams its records in passes, so nothing is held per request).</summary>
    public static long Of(IEnumerable<RequestRecord> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        long first = long.MaxValue, last = long.MinValue;
        foreach (var r in completed)
        {
            first = Math.Min(first, r.Arrival.Nanoseconds);
            last = Math.Max(last, r.Completion.Nanoseconds);
        }

        if (first == long.MaxValue)
        {
            return 0;
        }

        // Why a difference array: +1 where a request's seconds begin, -1 after they end, then a running sum; a per-second
        // loop per request would cost requests × seconds in flight.
        var delta = new long[((last - first) / NanosecondsPerBucket) + 2];
        foreach (var r in completed)
        {
            delta[(r.Arrival.Nanoseconds - first) / NanosecondsPerBucket]++;
            delta[((r.Completion.Nanoseconds - first) / NanosecondsPerBucket) + 1]--;
        }

        long running = 0, peak = 0;
        foreach (var d in delta)
        {
            running += d;
            peak = Math.Max(peak, running);
        }

        return peak;
    }
}
