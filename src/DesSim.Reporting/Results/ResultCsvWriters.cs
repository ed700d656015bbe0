using DesSim.Core.Hardware;
using DesSim.Core.Metrics;
using DesSim.Reporting.Csv;

namespace DesSim.Reporting.Results;

/// <summary>Writes <c>requests.csv</c>, <c>gpus.csv</c>, <c>links.csv</c> and <c>timeseries.csv</c> (columns in docs/metrics.md).</summary>
/// <remarks>Fields are pre-formatted by <see cref="Fmt"/> (fixed decimals, exact nanoseconds) so files are stable byte for byte.</remarks>
public static class ResultCsvWriters
{
    private static readonly string[] RequestColumns = ["request_id", "replica", "input_tokens", "output_tokens", "arrival_s", "scheduled_s", "first_token_s", "completion_s", "ttft_ms", "tpot_ms", "e2el_ms", "queue_ms", "max_itl_ms", "preemptions", "slo_met", "rejected"];
    private static readonly string[] GpuColumns = ["gpu", "replica", "stage", "tp_rank", "compute_s", "tp_comm_s", "pp_comm_s", "other_comm_s", "bubble_s", "idle_s", "compute_share", "tp_comm_share", "pp_comm_share", "other_comm_share", "bubble_share", "idle_share", "micro_batches", "compute_bound_s", "energy_j", "average_power_w", "peak_power_w"];
    private static readonly string[] LinkColumns = ["link", "kind", "bytes", "transfers", "busy_s", "busy_share"];
    private static readonly string[] TimeSeriesColumns = ["time_s", "queue_length", "running_requests", "batch_tokens", "kv_occupancy", "output_tokens_per_s", "cluster_power_w"];

    private static readonly string[] KvColumns = ["prefill_replica", "ttft_queue_ms", "ttft_prefill_ms", "ttft_first_token_ms", "kv_wait_ms", "kv_transfer_ms", "kv_bytes"];

    /// <summary>One row per request, by id. A disaggregated run (<paramref name="kv"/> given) adds the hand-off columns
    /// (empty for requests that were not handed off: single-token outputs and rejections); a prefix-caching run
    /// (<paramref name="cachedTokens"/>) adds a <c>cached_tokens</c> column, and one with KV tiers (<paramref name="loadedTokens"/>)
    /// a last <c>loaded_tokens</c> column.</summary>
    public static void WriteRequests(TextWriter writer, IEnumerable<RequestRecord> requests, SloSpec slo, IReadOnlyList<KvTransferRecord>? kv = null, bool cachedTokens = false, bool loadedTokens = false)
    {
        var byId = kv?.ToDictionary(k => k.Id);
        string[] columns = [.. RequestColumns, .. byId is null ? [] : KvColumns, .. cachedTokens ? ["cached_tokens"] : Array.Empty<string>(), .. loadedTokens ? ["loaded_tokens"] : Array.Empty<string>()];
        CsvOutput.WriteRows(writer, columns, requests.Select(r =>
        {
            var row = new List<object?>
            {
                Fmt.Int(r.Id), Fmt.Int(r.Replica), Fmt.Int(r.InputTokens), Fmt.Int(r.OutputTokens),
                Fmt.Seconds(r.Arrival), Fmt.Seconds(r.Scheduled), Fmt.Seconds(r.FirstToken), Fmt.Seconds(r.Completion),
                r.Rejected ? string.Empty : Fmt.Ms(r.TtftMs),
                r.Rejected ? string.Empty : Fmt.Ms(r.TpotMs),
                r.Rejected ? string.Empty : Fmt.Ms(r.E2elMs),
                r.Rejected ? string.Empty : Fmt.Ms(r.QueueMs),
                Fmt.Ms(r.MaxItl.Milliseconds), Fmt.Int(r.Preemptions), slo.IsMet(r), r.Rejected,
            };
            if (byId is not null && byId.TryGetValue(r.Id, out var k))
            {
                row.AddRange([Fmt.Int(k.PrefillReplica), Fmt.Ms(r.QueueMs), Fmt.Ms((k.FinalPassNs - r.Scheduled.Nanoseconds) / 1e6), Fmt.Ms((r.FirstToken.Nanoseconds - k.FinalPassNs) / 1e6),
                    Fmt.Ms(k.WaitMs), Fmt.Ms(k.TransferMs), Fmt.Int(k.Bytes)]);
            }
            else if (byId is not null)
            {
                row.AddRange(Enumerable.Repeat<object?>(string.Empty, KvColumns.Length));
            }

            if (cachedTokens)
            {
                row.Add(Fmt.Int(r.CachedTokens));
            }

            if (loadedTokens)
            {
                row.Add(Fmt.Int(r.LoadedTokens));
            }

            return (IReadOnlyList<object?>)row;
        }));
    }

    /// <summary>One row per GPU: seconds and shares of the run's duration.</summary>
    public static void WriteGpus(TextWriter writer, IEnumerable<GpuRecord> gpus) =>
        CsvOutput.WriteRows(writer, GpuColumns, gpus.Select(g =>
        {
            double[] seconds = [g.ComputeSeconds, g.TpCommSeconds, g.PpCommSeconds, g.OtherCommSeconds, g.BubbleSeconds, g.IdleSeconds];
            var row = new List<object?> { Fmt.Int(g.Gpu), Fmt.Int(g.Replica), Fmt.Int(g.Stage), Fmt.Int(g.TpRank) };
            row.AddRange(seconds.Select(s => Fmt.Seconds(s)));
            row.AddRange(seconds.Select(s => Fmt.Ratio(g.Share(s))));
            row.Add(Fmt.Int(g.MicroBatches));
            row.Add(Fmt.Seconds(g.ComputeBoundSeconds));
            row.Add(Fmt.Ratio(g.EnergyJoules));
            row.Add(Fmt.Ratio(g.AveragePowerWatts));
            row.Add(Fmt.Ratio(g.PeakPowerWatts));
            return (IReadOnlyList<object?>)row;
        }));

    /// <summary>One row per link: bytes, transfers, busy seconds and busy share of the run's duration.</summary>
    public static void WriteLinks(TextWriter writer, IEnumerable<LinkUsage> links, double durationSeconds) =>
        CsvOutput.WriteRows(writer, LinkColumns, links.Select(l => (IReadOnlyList<object?>)
        [
            l.Name, l.Kind, Fmt.Int(l.Bytes), Fmt.Int(l.Transfers), Fmt.Seconds(l.BusySeconds),
            Fmt.Ratio(durationSeconds > 0 ? l.BusySeconds / durationSeconds : 0),
        ]));

    /// <summary>One row per sample.</summary>
    public static void WriteTimeSeries(TextWriter writer, IEnumerable<TimeSeriesRow> rows) =>
        CsvOutput.WriteRows(writer, TimeSeriesColumns, rows.Select(r => (IReadOnlyList<object?>)
        [
            Fmt.Seconds(r.TimeSeconds), Fmt.Int(r.QueueLength), Fmt.Int(r.RunningRequests), Fmt.Int(r.BatchTokens),
            Fmt.Ratio(r.KvOccupancy), Fmt.Ratio(r.OutputTokensPerSecond), Fmt.Ratio(r.ClusterPowerWatts),
        ]));
}
