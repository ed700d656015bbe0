namespace DesSim.Core.Metrics;

/// <summary>What closed-loop serving benchmarks report for a run: mean TTFT and mean TPOT over the measured requests,
/// after a warm-up that is sent but not counted.</summary>
/// <remarks>
/// Definitions as the tools compute them: TTFT from the request's send time to its first streamed token; TPOT per request
/// = (latency − TTFT) / (output tokens − 1) for requests with more than one output token, then the mean over requests
/// (vLLM <c>vllm/benchmarks/serve.py</c> <c>calculate_metrics</c>: <c>tpot = (outputs[i].latency - outputs[i].ttft) /
/// (output_len - 1)</c>, reported as <c>mean_tpot_ms</c>; aiperf's <c>inter_token_latency</c> is the same per-request
/// quantity). In a DesSim closed loop a request's arrival is its send time, so <see cref="RequestRecord.TtftMs"/> and
/// <see cref="RequestRecord.TpotMs"/> are those per-request values. Warm-up: aiperf/genai-perf
/// <c>--warmup-request-count</c> requests are sent first and left out of the statistics; here the first
/// <c>warmupRequests</c> ids (ids follow send order) are left out.
/// </remarks>
public static class BenchmarkClientStats
{
    /// <summary>Mean TTFT and TPOT (ms) over completed requests with id ≥ <paramref name="warmupRequests"/>, and how many were measured.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative warm-up count.</exception>
    public static (double MeanTtftMs, double MeanTpotMs, int Measured) Measure(IEnumerable<RequestRecord> records, long warmupRequests)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupRequests);
        double ttft = 0, tpot = 0;
        int n = 0, m = 0;
        foreach (var r in records)
        {
            if (r.Rejected || r.Id < warmupRequests)
            {
                continue;
            }

            ttft += r.TtftMs;
            n++;
            if (r.OutputTokens > 1)
            {
                tpot += r.TpotMs;
                m++;
            }
        }

        return (n > 0 ? ttft / n : double.NaN, m > 0 ? tpot / m : double.NaN, n);
    }
}
