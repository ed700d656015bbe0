using DesSim.Core.Hardware;
using DesSim.Core.Metrics;
using DesSim.Reporting.Csv;

namespace DesSim.Reporting.Results;

/// <summary>Writes <c>requests.csv</c>, <c>gpus.csv</c>, <c>links.csv</c> and <c>timeseries.csv</c> (columns in docs/metrics.md).</summary>
/// <remarks>Fields are formatted as <see cref="Fmt"/> does (fixed decimals, exact nanoseconds) by one <see cref="CsvRowWriter"/>
/// per file (<see cref="CsvRowWriter.WriteAll"/>), straight into its row buffer, so files are stable byte for byte and
/// writing allocates nothing per row.</remarks>
public static class ResultCsvWriters
{
    private static readonly string[] RequestColumns = ["request_id", "replica", "input_tokens", "output_tokens", "arrival_s", "scheduled_s", "first_token_s", "completion_s", "ttft_ms", "tpot_ms", "e2el_ms", "queue_ms", "max_itl_ms", "preemptions", "slo_met", "rejected"];
    private static readonly string[] GpuColumns = ["gpu", "replica", "stage", "tp_rank", "compute_s", "tp_comm_s", "pp_comm_s", "other_comm_s", "bubble_s", "idle_s", "compute_share", "tp_comm_share", "pp_comm_share", "other_comm_share", "bubble_share", "idle_share", "micro_batches", "compute_bound_s", "energy_j", "average_power_w", "peak_power_w"];
    private static readonly string[] LinkColumns = ["link", "kind", "bytes", "transfers", "busy_s", "busy_share"];
    private static readonly string[] TimeSeriesColumns = ["time_s", "queue_length", "running_requests", "batch_tokens", "kv_occupancy", "output_tokens_per_s", "cluster_power_w"];

    // Why these decimals: nanoseconds are exact with 9 decimals of a second and 6 of a millisecond (see Fmt).
    private const int SecondsDecimals = 9;
    private const int MsDecimals = 6;
    private const string SecondsFormat = "F9";
    private const string MsFormat = "F6";
    private const string RatioFormat = "F6";

    private static readonly string[] KvColumns = ["prefill_replica", "ttft_queue_ms", "ttft_prefill_ms", "ttft_first_token_ms", "kv_wait_ms", "kv_transfer_ms", "kv_bytes"];

    /// <summary>One row per request, by id. A disaggregated run (<paramref name="kv"/> given) adds the hand-off columns
    /// (empty for requests that were not handed off: single-token outputs and rejections); a prefix-caching run
    /// (<paramref name="cachedTokens"/>) adds a <c>cached_tokens</c> column, and one with KV tiers (<paramref name="loadedTokens"/>)
    /// a last <c>loaded_tokens</c> column.</summary>
    /// <remarks>Times and latencies are written from the records' integer nanoseconds (<see cref="CsvRowWriter.Fixed"/>);
    /// only TPOT, a quotient, is formatted from its double.</remarks>
    public static void WriteRequests(TextWriter writer, IEnumerable<RequestRecord> requests, SloSpec slo, IReadOnlyList<KvTransferRecord>? kv = null, bool cachedTokens = false, bool loadedTokens = false)
    {
        ArgumentNullException.ThrowIfNull(slo);
        var byId = kv?.ToDictionary(k => k.Id);
        string[] columns = [.. RequestColumns, .. byId is null ? [] : KvColumns, .. cachedTokens ? ["cached_tokens"] : Array.Empty<string>(), .. loadedTokens ? ["loaded_tokens"] : Array.Empty<string>()];
        CsvRowWriter.WriteAll(writer, columns, requests, (w, r) =>
        {
            w.Int(r.Id);
            w.Int(r.Replica);
            w.Int(r.InputTokens);
            w.Int(r.OutputTokens);
            Instant(w, r.Arrival.Nanoseconds);
            Instant(w, r.Scheduled.Nanoseconds);
            Instant(w, r.FirstToken.Nanoseconds);
            Instant(w, r.Completion.Nanoseconds);
            if (r.Rejected)
            {
                w.Empty();
                w.Empty();
                w.Empty();
                w.Empty();
            }
            else
            {
                Ms(w, r.FirstToken.Nanoseconds - r.Arrival.Nanoseconds);
                w.Double(r.TpotMs, MsFormat);
                Ms(w, r.Completion.Nanoseconds - r.Arrival.Nanoseconds);
                Ms(w, r.Scheduled.Nanoseconds - r.Arrival.Nanoseconds);
            }

            Ms(w, r.MaxItl.Nanoseconds);
            w.Int(r.Preemptions);
            w.Bool(slo.IsMet(r));
            w.Bool(r.Rejected);
            if (byId is not null && byId.TryGetValue(r.Id, out var k))
            {
                w.Int(k.PrefillReplica);
                Ms(w, r.Scheduled.Nanoseconds - r.Arrival.Nanoseconds);
                Ms(w, k.FinalPassNs - r.Scheduled.Nanoseconds);
                Ms(w, r.FirstToken.Nanoseconds - k.FinalPassNs);
                Ms(w, k.StartNs - k.ReadyNs);
                Ms(w, k.EndNs - k.StartNs);
                w.Int(k.Bytes);
            }
            else if (byId is not null)
            {
                for (int i = 0; i < KvColumns.Length; i++)
                {
                    w.Empty();
                }
            }

            if (cachedTokens)
            {
                w.Int(r.CachedTokens);
            }

            if (loadedTokens)
            {
                w.Int(r.LoadedTokens);
            }
        });
    }

    /// <summary>One row per GPU: seconds and shares of the run's duration.</summary>
    public static void WriteGpus(TextWriter writer, IEnumerable<GpuRecord> gpus) =>
        CsvRowWriter.WriteAll(writer, GpuColumns, gpus, static (w, g) =>
        {
            w.Int(g.Gpu);
            w.Int(g.Replica);
            w.Int(g.Stage);
            w.Int(g.TpRank);
            ReadOnlySpan<double> seconds = [g.ComputeSeconds, g.TpCommSeconds, g.PpCommSeconds, g.OtherCommSeconds, g.BubbleSeconds, g.IdleSeconds];
            foreach (double s in seconds)
            {
                w.Double(s, SecondsFormat);
            }

            foreach (double s in seconds)
            {
                w.Double(g.Share(s), RatioFormat);
            }

            w.Int(g.MicroBatches);
            w.Double(g.ComputeBoundSeconds, SecondsFormat);
            w.Double(g.EnergyJoules, RatioFormat);
            w.Double(g.AveragePowerWatts, RatioFormat);
            w.Double(g.PeakPowerWatts, RatioFormat);
        });

    /// <summary>One row per link: bytes, transfers, busy seconds and busy share of the run's duration.</summary>
    public static void WriteLinks(TextWriter writer, IEnumerable<LinkUsage> links, double durationSeconds) =>
        CsvRowWriter.WriteAll(writer, LinkColumns, links, (w, l) =>
        {
            w.Text(l.Name);
            w.Text(l.Kind);
            w.Int(l.Bytes);
            w.Int(l.Transfers);
            w.Double(l.BusySeconds, SecondsFormat);
            w.Double(durationSeconds > 0 ? l.BusySeconds / durationSeconds : 0, RatioFormat);
        });

    /// <summary>One row per sample.</summary>
    public static void WriteTimeSeries(TextWriter writer, IEnumerable<TimeSeriesRow> rows) =>
        CsvRowWriter.WriteAll(writer, TimeSeriesColumns, rows, static (w, r) =>
        {
            w.Double(r.TimeSeconds, SecondsFormat);
            w.Int(r.QueueLength);
            w.Int(r.RunningRequests);
            w.Int(r.BatchTokens);
            w.Double(r.KvOccupancy, RatioFormat);
            w.Double(r.OutputTokensPerSecond, RatioFormat);
            w.Double(r.ClusterPowerWatts, RatioFormat);
        });

    /// <summary>A time since the simulation start, ns, as seconds (9 decimals: exact); empty for -1 (did not happen).</summary>
    private static void Instant(CsvRowWriter w, long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            w.Empty();
        }
        else
        {
            w.Fixed(nanoseconds, SecondsDecimals);
        }
    }

    /// <summary>A duration, ns, as milliseconds (6 decimals: exact).</summary>
    private static void Ms(CsvRowWriter w, long nanoseconds) => w.Fixed(nanoseconds, MsDecimals);
}
