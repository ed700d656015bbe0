using DesSim.Core.Configuration;
using System.Globalization;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;
using DesSim.Reporting.Trace;

namespace DesSim.Reporting.Results;

/// <summary>Fills <see cref="ReportData"/> from an in-process run, at the precision the output files carry.</summary>
/// <remarks>Every value goes through the same formatting as its file (<see cref="Fmt"/>, trace microseconds) and is
/// parsed back, so a report built here is byte-identical to one rebuilt from the written directory. The timeline is
/// the trace's: spans clipped to the window, and none when <c>outputs.chrome_trace</c> is off.</remarks>
public static class ReportDataFromRun
{
    /// <summary>Builds the report data of <paramref name="run"/>.</summary>
    public static ReportData Build(ScenarioRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var result = run.Result;
        var scenario = run.Scenario;
        var done = result.Requests.Where(r => !r.Rejected).ToArray();
        return new ReportData(
            scenario.Name,
            run.Deployment.Describe(),
            run.Deployment.Model.Name,
            run.Deployment.Gpu.Name,
            run.LayoutLabel,
            SchedulerLine(scenario),
            scenario.Engine.Name,
            scenario.Seed.ToString(CultureInfo.InvariantCulture),
            scenario.YamlText,
            RoundSummary(result.Summary),
            new SloSpec(Round(scenario.Slo.TtftMs), Round(scenario.Slo.TpotMs), Round(scenario.Slo.E2elMs), Round(scenario.Slo.QueueMs)),
            result.Notes.ToArray(),
            done.Select(r => Back(Fmt.Ms(r.TtftMs))).ToArray(),
            done.Select(r => Back(Fmt.Ms(r.TpotMs))).Where(double.IsFinite).ToArray(),
            done.Select(r => Back(Fmt.Ms(r.E2elMs))).ToArray(),
            ItlQuantiles.Compute(result.InterTokenLatency).Select(v => Back(Fmt.Ms(v))).ToArray(),
            result.Gpus.Select(g => new GpuShares(g.Gpu, g.Replica, g.Stage,
                new[] { g.ComputeSeconds, g.TpCommSeconds, g.PpCommSeconds, g.OtherCommSeconds, g.BubbleSeconds, g.IdleSeconds }
                    .Select(s => Back(Fmt.Ratio(g.Share(s)))).ToArray())).ToArray(),
            result.TimeSeries.Select(r => new TimeSeriesRow(Back(Fmt.Seconds(r.TimeSeconds)), r.QueueLength, r.RunningRequests, r.BatchTokens,
                Back(Fmt.Ratio(r.KvOccupancy)), Back(Fmt.Ratio(r.OutputTokensPerSecond)))
            {
                ClusterPowerWatts = Back(Fmt.Ratio(r.ClusterPowerWatts)),
            }).ToArray(),
            run.Deployment.Stages.Count,
            scenario.Outputs.ChromeTrace ? TraceTimeline(result) : null)
        {
            JoulesPerOutputToken = Round(result.Summary.Energy?.JoulesPerOutputToken ?? double.NaN),
            UsdPerMillionOutputTokens = Round(result.Summary.Cost?.UsdPerMillionOutputTokens.TotalUsd ?? double.NaN),
            PrefixSamples = result.Summary.PrefixCache is null ? [] : done.Select(r => new PrefixSample(Back(Fmt.Seconds(r.ScheduledNs)), r.InputTokens, r.CachedTokens, r.LoadedTokens)).ToArray(),
        };
    }

    /// <summary>The scheduler line of the scenario echo (also written to summary.json as <c>scheduler</c>).</summary>
    public static string SchedulerLine(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var s = scenario.Scheduler;
        return $"{s.Policy.ToString().ToLowerInvariant()}, max_num_seqs {s.MaxNumSeqs}, max_num_batched_tokens {s.MaxNumBatchedTokens}";
    }

    private static TimelineSpan[] TraceTimeline(RunResult result)
    {
        var w = result.TimelineWindow;
        var limit = new TraceLimit(w.StartSeconds, w.StartSeconds + w.DurationSeconds, w.MaxSpans);
        return result.Timeline
            .Select(s => (Span: s, Us: ChromeTraceWriter.ToMicroseconds(limit, s.StartNs / 1e9, (s.EndNs - s.StartNs) / 1e9)))
            .Where(p => p.Us is not null)
            .Select(p => p.Span with { StartNs = TraceTimelineReader.Nanoseconds(p.Us!.Value.Ts), EndNs = TraceTimelineReader.Nanoseconds(p.Us.Value.Ts + p.Us.Value.Dur) })
            .ToArray();
    }

    private static RunSummary RoundSummary(RunSummary s) => s with
    {
        DurationSeconds = Round(s.DurationSeconds),
        RequestThroughput = Round(s.RequestThroughput),
        OutputThroughput = Round(s.OutputThroughput),
        TotalTokenThroughput = Round(s.TotalTokenThroughput),
        Goodput = Round(s.Goodput),
        SloAttainment = Round(s.SloAttainment),
        TtftMs = Round(s.TtftMs),
        TpotMs = Round(s.TpotMs),
        ItlMs = Round(s.ItlMs),
        E2elMs = Round(s.E2elMs),
        QueueMs = Round(s.QueueMs),
        ComputeShare = Round(s.ComputeShare),
        TpCommShare = Round(s.TpCommShare),
        PpCommShare = Round(s.PpCommShare),
        OtherCommShare = Round(s.OtherCommShare),
        BubbleShare = Round(s.BubbleShare),
        IdleShare = Round(s.IdleShare),
        PeakKvOccupancy = Round(s.PeakKvOccupancy),
        ExpertLoad = s.ExpertLoad is { } l
            ? l with { ImbalanceFactor = Round(l.ImbalanceFactor), MeanBatchGpuImbalance = Round(l.MeanBatchGpuImbalance), MaxBatchGpuImbalance = Round(l.MaxBatchGpuImbalance) }
            : null,
        Faults = s.Faults is { } f
            ? f with
            {
                E2elRetriedMs = Round(f.E2elRetriedMs),
                E2elNotRetriedMs = Round(f.E2elNotRetriedMs),
                TtftRetriedMs = Round(f.TtftRetriedMs),
                E2elHitMs = Round(f.E2elHitMs),
                Windows = f.Windows.Select(x => (Round(x.StartSeconds), Round(x.EndSeconds), x.Label)).ToArray(),
            }
            : null,
        Pools = s.Pools?.Select(p => p with
        {
            Utilization = Round(p.Utilization),
            ComputeShare = Round(p.ComputeShare),
            CommShare = Round(p.CommShare),
            BubbleShare = Round(p.BubbleShare),
            IdleShare = Round(p.IdleShare),
            KvTransferShare = Round(p.KvTransferShare),
            QueueMs = Round(p.QueueMs),
        }).ToArray(),
        KvTransferMs = s.KvTransferMs is { } kv ? Round(kv) : null,
        KvWaitMs = s.KvWaitMs is { } wait ? Round(wait) : null,
        KvTransferShare = Round(s.KvTransferShare),
        PrefixCache = s.PrefixCache is { } p
            ? p with
            {
                TtftHitMs = p.TtftHitMs is { } hit ? Round(hit) : null,
                TtftMissMs = p.TtftMissMs is { } miss ? Round(miss) : null,
                Tiers = p.Tiers.Select(t => t with { MeanLoadMs = Round(t.MeanLoadMs) }).ToArray(),
            }
            : null,
    };

    private static LatencyStats Round(LatencyStats s) =>
        new(Round(s.Mean), Round(s.Median), Round(s.P90), Round(s.P95), Round(s.P99), Round(s.P999), s.Count);

    private static double Round(double v) => double.IsFinite(v) ? Fmt.Round(v) : double.NaN;

    private static double? Round(double? v) => v is { } x && double.IsFinite(x) ? Fmt.Round(x) : null;

    private static double Back(string field) => field.Length == 0 ? double.NaN : double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
}
