using System.Text.Json;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;
using DesSim.Core.Statistics;
using DesSim.Core.Workload;
using MathNet.Numerics.Statistics;

namespace DesSim.Reporting.Results;

/// <summary>Writes <c>bench_result.json</c>: a run in the keys of <c>vllm bench serve --save-result</c>, so scripts that read
/// real benchmark results read simulated ones unchanged.</summary>
/// <remarks>
/// Keys and units follow vLLM's <c>vllm/benchmarks/serve.py</c> (0.12): the run keys <c>date, backend, model_id,
/// tokenizer_id, num_prompts, request_rate, burstiness, max_concurrency</c>; the result keys <c>duration, completed,
/// failed, total_input_tokens, total_output_tokens, request_throughput, request_goodput, output_throughput,
/// total_token_throughput</c>; per request <c>input_lens, output_lens, ttfts, itls, latencies, start_times,
/// generated_texts, errors</c> (seconds); and <c>mean_/median_/std_/p99_</c> of <c>ttft, tpot, itl, e2el</c> (ms).
/// What a simulation cannot or does not give: <c>date</c> is the fixed string <c>simulated</c> (results must be
/// byte-identical per seed); <c>generated_texts</c> are empty; per-request <c>itls</c> are empty lists because per-token
/// times are not kept (the ITL statistics come from the run's ITL histogram, <c>std_itl_ms</c> is null);
/// <c>request_rate</c> is the configured rate for rate processes and <c>"inf"</c> for burst and closed-loop loads, as
/// vLLM records <c>--request-rate inf</c>. Rejected requests count as failed with error <c>rejected</c>. Requests in id order.
/// </remarks>
public static class VllmBenchJsonWriter
{
    /// <summary>The file name.</summary>
    public const string FileName = "bench_result.json";

    /// <summary>Writes <paramref name="run"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ScenarioRun run)
    {
        var s = run.Result.Summary;
        var records = run.Result.Requests.OrderBy(r => r.Id).ToArray();
        var done = records.Where(r => !r.Rejected).ToArray();
        var arrival = run.Scenario.Workload is SyntheticWorkloadSpec syn ? syn.Arrival : null;
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("date", "simulated");
        w.WriteString("backend", "dessim");
        w.WriteString("model_id", run.Deployment.Model.Name);
        w.WriteString("tokenizer_id", run.Deployment.Model.Name);
        w.WriteNumber("num_prompts", records.Length);
        if (arrival is { Process: ArrivalProcess.Poisson or ArrivalProcess.Gamma or ArrivalProcess.Constant } a)
        {
            Num(w, "request_rate", a.RequestsPerSecond);
        }
        else
        {
            w.WriteString("request_rate", "inf");
        }

        Num(w, "burstiness", arrival is { Process: ArrivalProcess.Gamma } g ? 1 / (g.Cv * g.Cv) : 1.0);
        if (arrival is { Process: ArrivalProcess.ClosedLoop } c)
        {
            w.WriteNumber("max_concurrency", c.Concurrency);
        }
        else
        {
            w.WriteNull("max_concurrency");
        }

        Num(w, "duration", s.DurationSeconds);
        w.WriteNumber("completed", done.Length);
        w.WriteNumber("failed", records.Length - done.Length);
        w.WriteNumber("total_input_tokens", done.Sum(r => (long)r.InputTokens));
        w.WriteNumber("total_output_tokens", done.Sum(r => (long)r.OutputTokens));
        Num(w, "request_throughput", s.RequestThroughput);
        if (run.Scenario.Slo.TtftMs is null && run.Scenario.Slo.TpotMs is null && run.Scenario.Slo.E2elMs is null)
        {
            w.WriteNull("request_goodput");
        }
        else
        {
            Num(w, "request_goodput", s.Goodput);
        }

        Num(w, "output_throughput", s.OutputThroughput);
        Num(w, "total_token_throughput", s.TotalTokenThroughput);
        Array(w, "input_lens", records, r => w.WriteNumberValue(r.InputTokens));
        Array(w, "output_lens", records, r => w.WriteNumberValue(r.Rejected ? 0 : r.OutputTokens));
        Array(w, "ttfts", records, r => Value(w, r.Rejected ? 0 : r.TtftMs / 1e3));
        Array(w, "itls", records, _ =>
        {
            w.WriteStartArray();
            w.WriteEndArray();
        });
        Array(w, "latencies", records, r => Value(w, r.Rejected ? 0 : r.E2elMs / 1e3));
        Array(w, "start_times", records, r => Value(w, r.Arrival.Seconds));
        Array(w, "generated_texts", records, _ => w.WriteStringValue(string.Empty));
        Array(w, "errors", records, r => w.WriteStringValue(r.Rejected ? "rejected" : string.Empty));
        Metric(w, "ttft", done.Select(r => r.TtftMs).ToArray());
        Metric(w, "tpot", done.Where(r => r.OutputTokens > 1).Select(r => r.TpotMs).ToArray());
        Num(w, "mean_itl_ms", s.ItlMs.Mean);
        Num(w, "median_itl_ms", s.ItlMs.Median);
        w.WriteNull("std_itl_ms");
        Num(w, "p99_itl_ms", s.ItlMs.P99);
        Metric(w, "e2el", done.Select(r => r.E2elMs).ToArray());
        w.WriteEndObject();
    }

    // Why population std and numpy's linear percentile: serve.py uses np.std and np.percentile.
    private static void Metric(Utf8JsonWriter w, string name, double[] ms)
    {
        bool any = ms.Length > 0;
        Num(w, $"mean_{name}_ms", any ? ms.Average() : 0);
        Num(w, $"median_{name}_ms", any ? Statistics.Median(ms) : 0);
        Num(w, $"std_{name}_ms", any ? Statistics.PopulationStandardDeviation(ms) : 0);
        Num(w, $"p99_{name}_ms", any ? Quantile.LinearOfUnsorted(ms, 0.99) : 0);
    }

    private static void Array(Utf8JsonWriter w, string key, RequestRecord[] records, Action<RequestRecord> item)
    {
        w.WriteStartArray(key);
        foreach (var r in records)
        {
            item(r);
        }

        w.WriteEndArray();
    }

    private static void Num(Utf8JsonWriter w, string key, double v)
    {
        w.WritePropertyName(key);
        Value(w, v);
    }

    private static void Value(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumberValue(Fmt.Round(v));
        }
        else
        {
            w.WriteNullValue();
        }
    }
}
