using System.Globalization;
using CsvHelper;
using DesSim.Core.Hardware;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results;

/// <summary>Writes <c>requests.csv</c>, <c>gpus.csv</c>, <c>links.csv</c> and <c>timeseries.csv</c> (columns in docs/metrics.md).</summary>
public static class ResultCsvWriters
{
    /// <summary>One row per request, by id.</summary>
    public static void WriteRequests(TextWriter writer, IEnumerable<RequestRecord> requests, SloSpec slo)
    {
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" }, leaveOpen: true);
        foreach (var h in new[] { "request_id", "replica", "input_tokens", "output_tokens", "arrival_s", "scheduled_s", "first_token_s", "completion_s", "ttft_ms", "tpot_ms", "e2el_ms", "queue_ms", "max_itl_ms", "preemptions", "slo_met", "rejected" })
        {
            csv.WriteField(h);
        }

        csv.EndRecord();
        foreach (var r in requests)
        {
            csv.WriteField(Fmt.Int(r.Id));
            csv.WriteField(Fmt.Int(r.Replica));
            csv.WriteField(Fmt.Int(r.InputTokens));
            csv.WriteField(Fmt.Int(r.OutputTokens));
            csv.WriteField(Fmt.Seconds(r.ArrivalNs));
            csv.WriteField(Fmt.Seconds(r.ScheduledNs));
            csv.WriteField(Fmt.Seconds(r.FirstTokenNs));
            csv.WriteField(Fmt.Seconds(r.CompletionNs));
            csv.WriteField(r.Rejected ? string.Empty : Fmt.Ms(r.TtftMs));
            csv.WriteField(r.Rejected ? string.Empty : Fmt.Ms(r.TpotMs));
            csv.WriteField(r.Rejected ? string.Empty : Fmt.Ms(r.E2elMs));
            csv.WriteField(r.Rejected ? string.Empty : Fmt.Ms(r.QueueMs));
            csv.WriteField(Fmt.Ms(r.MaxItlNs / 1e6));
            csv.WriteField(Fmt.Int(r.Preemptions));
            csv.WriteField(slo.IsMet(r) ? "true" : "false");
            csv.WriteField(r.Rejected ? "true" : "false");
            csv.EndRecord();
        }
    }

    /// <summary>One row per GPU: seconds and shares of the run's duration.</summary>
    public static void WriteGpus(TextWriter writer, IEnumerable<GpuRecord> gpus)
    {
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" }, leaveOpen: true);
        foreach (var h in new[] { "gpu", "replica", "stage", "tp_rank", "compute_s", "tp_comm_s", "pp_comm_s", "other_comm_s", "bubble_s", "idle_s", "compute_share", "tp_comm_share", "pp_comm_share", "other_comm_share", "bubble_share", "idle_share", "micro_batches" })
        {
            csv.WriteField(h);
        }

        csv.EndRecord();
        foreach (var g in gpus)
        {
            csv.WriteField(Fmt.Int(g.Gpu));
            csv.WriteField(Fmt.Int(g.Replica));
            csv.WriteField(Fmt.Int(g.Stage));
            csv.WriteField(Fmt.Int(g.TpRank));
            foreach (var s in new[] { g.ComputeSeconds, g.TpCommSeconds, g.PpCommSeconds, g.OtherCommSeconds, g.BubbleSeconds, g.IdleSeconds })
            {
                csv.WriteField(Fmt.Seconds(s));
            }

            foreach (var s in new[] { g.ComputeSeconds, g.TpCommSeconds, g.PpCommSeconds, g.OtherCommSeconds, g.BubbleSeconds, g.IdleSeconds })
            {
                csv.WriteField(Fmt.Ratio(g.Share(s)));
            }

            csv.WriteField(Fmt.Int(g.MicroBatches));
            csv.EndRecord();
        }
    }

    /// <summary>One row per link: bytes, transfers, busy seconds and busy share of the run's duration.</summary>
    public static void WriteLinks(TextWriter writer, IEnumerable<LinkUsage> links, double durationSeconds)
    {
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" }, leaveOpen: true);
        foreach (var h in new[] { "link", "kind", "bytes", "transfers", "busy_s", "busy_share" })
        {
            csv.WriteField(h);
        }

        csv.EndRecord();
        foreach (var l in links)
        {
            csv.WriteField(l.Name);
            csv.WriteField(l.Kind);
            csv.WriteField(Fmt.Int(l.Bytes));
            csv.WriteField(Fmt.Int(l.Transfers));
            csv.WriteField(Fmt.Seconds(l.BusySeconds));
            csv.WriteField(Fmt.Ratio(durationSeconds > 0 ? l.BusySeconds / durationSeconds : 0));
            csv.EndRecord();
        }
    }

    /// <summary>One row per sample.</summary>
    public static void WriteTimeSeries(TextWriter writer, IEnumerable<TimeSeriesRow> rows)
    {
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" }, leaveOpen: true);
        foreach (var h in new[] { "time_s", "queue_length", "running_requests", "batch_tokens", "kv_occupancy", "output_tokens_per_s" })
        {
            csv.WriteField(h);
        }

        csv.EndRecord();
        foreach (var r in rows)
        {
            csv.WriteField(Fmt.Seconds(r.TimeSeconds));
            csv.WriteField(Fmt.Int(r.QueueLength));
            csv.WriteField(Fmt.Int(r.RunningRequests));
            csv.WriteField(Fmt.Int(r.BatchTokens));
            csv.WriteField(Fmt.Ratio(r.KvOccupancy));
            csv.WriteField(Fmt.Ratio(r.OutputTokensPerSecond));
            csv.EndRecord();
        }
    }
}
