using DesSim.Core.Execution;

namespace DesSim.Core.Metrics;

/// <summary>Turns a finished simulation and its collector into a <see cref="RunResult"/>.</summary>
public static class RunResultBuilder
{
    /// <summary>Builds the result; <paramref name="notes"/> are carried through (warnings, fallbacks); <paramref name="prices"/>
    /// (optional) cost the run when it has energy figures.</summary>
    public static RunResult Build(ServingSimulation simulation, MetricsCollector collector, SloSpec slo, IReadOnlyList<string> notes, PriceSpec? prices = null)
    {
        // Why in place and without copies when nothing was rejected: a million-request run holds ~90 MB of records, and
        // each LINQ copy here used to add as much again to the run's peak memory.
        var records = collector.Records.ToArray();
        Array.Sort(records, static (a, b) => a.Id.CompareTo(b.Id));
        int rejected = 0;
        foreach (var r in records)
        {
            rejected += r.Rejected ? 1 : 0;
        }

        var done = rejected == 0 ? records : Array.FindAll(records, r => !r.Rejected);
        long firstNs = collector.FirstArrivalNs < 0 ? 0 : collector.FirstArrivalNs;
        long endNs = done.Length == 0 ? firstNs : done.Max(r => r.CompletionNs);
        double duration = (endNs - firstNs) / 1e9;
        double Per(double x) => duration > 0 ? x / duration : 0;

        long outTokens = done.Sum(r => (long)r.OutputTokens);
        long inTokens = done.Sum(r => (long)r.InputTokens);
        int met = done.Count(r => slo.IsMet(r));
        var gpus = BuildGpus(simulation, duration, collector.Energy);
        double total = gpus.Sum(g => g.TotalSeconds);
        double Share(Func<GpuRecord, double> f) => total > 0 ? gpus.Sum(f) / total : 0;
        var peakKv = simulation.PeakKvBlocks.Zip(simulation.KvCapacityBlocks, (peak, capacity) => peak / (double)capacity).Max();

        var summary = new RunSummary(
            RequestsCompleted: done.Length,
            RequestsRejected: records.Length - done.Length,
            DurationSeconds: duration,
            RequestThroughput: Per(done.Length),
            OutputThroughput: Per(outTokens),
            TotalTokenThroughput: Per(inTokens + outTokens),
            Goodput: Per(met),
            SloAttainment: records.Length > 0 ? met / (double)records.Length : 0,
            TtftMs: LatencyStats.FromMilliseconds(done.Select(r => r.TtftMs).ToArray()),
            TpotMs: LatencyStats.FromMilliseconds(done.Where(r => r.OutputTokens > 1).Select(r => r.TpotMs).ToArray()),
            ItlMs: LatencyStats.FromHistogram(collector.InterTokenLatency),
            E2elMs: LatencyStats.FromMilliseconds(done.Select(r => r.E2elMs).ToArray()),
            QueueMs: LatencyStats.FromMilliseconds(done.Select(r => r.QueueMs).ToArray()),
            Preemptions: simulation.Preemptions,
            ComputeShare: Share(g => g.ComputeSeconds),
            TpCommShare: Share(g => g.TpCommSeconds),
            PpCommShare: Share(g => g.PpCommSeconds),
            OtherCommShare: Share(g => g.OtherCommSeconds),
            BubbleShare: Share(g => g.BubbleSeconds),
            IdleShare: Share(g => g.IdleSeconds),
            PeakKvOccupancy: peakKv)
        {
            ExpertLoad = simulation.Config.ExpertRouting?.Stats(),
            Faults = FaultSummary.From(simulation, collector, done),
            PrefixCache = PrefixSummary(simulation),
        };
        var samples = collector.Samples;
        if (collector.Energy is { } meter)
        {
            var energy = EnergyAccounting.Summarize(meter, gpus, firstNs, endNs, outTokens, done.Length);
            summary = summary with
            {
                Energy = energy,
                Cost = prices is null ? null : CostSummary.From(prices, meter.GpuCount, duration, energy.TotalJoules, outTokens, done.Length),
            };
            samples = EnergyAccounting.WithPower(meter, samples, firstNs, endNs);
        }

        return new RunResult(summary, records, gpus, simulation.Network.Links, samples, collector.Spans, collector.Window, collector.TimelineTruncated, notes, collector.InterTokenLatency);
    }

    // The prefix caches' totals over every replica; null unless caching ran on a workload with prefix identities.
    private static PrefixCacheSummary? PrefixSummary(ServingSimulation simulation)
    {
        if (!simulation.PrefixCachingActive)
        {
            return null;
        }

        var caches = simulation.PrefixCaches.ToList();
        int bpu = caches[0].BlocksPerUnit;
        return new PrefixCacheSummary(caches[0].UnitTokens, caches.Sum(c => c.QueriedTokens), caches.Sum(c => c.HitTokens), caches.Sum(c => c.QueriedUnits),
            caches.Sum(c => c.HitUnits), caches.Sum(c => c.SavedTokens), caches.Sum(c => c.EvictedUnits) * bpu);
    }

    private static List<GpuRecord> BuildGpus(ServingSimulation simulation, double durationSeconds, EnergyMeter? meter)
    {
        var gpus = new List<GpuRecord>();
        var stages = simulation.Stages;
        var active = simulation.ReplicaActiveNanoseconds;
        var ids = simulation.Config.StageGpuIds;
        for (int r = 0; r < stages.Count; r++)
        {
            for (int s = 0; s < stages[r].Count; s++)
            {
                var t = stages[r][s];
                double busy = t.BusyNanoseconds / 1e9;
                double bubble = Math.Max(0, (active[r] / 1e9) - busy);
                double idle = Math.Max(0, durationSeconds - busy - bubble);
                for (int k = 0; k < ids[r][s].Length; k++)
                {
                    var g = new GpuRecord(ids[r][s][k], r, s, k, t.ComputeNanoseconds / 1e9, t.TpCommNanoseconds / 1e9, t.PpCommNanoseconds / 1e9, t.OtherCommNanoseconds / 1e9, bubble, idle, t.MicroBatches)
                    {
                        ComputeBoundSeconds = Math.Min(t.ComputeBoundNanoseconds, t.ComputeNanoseconds) / 1e9,
                    };
                    gpus.Add(meter is null ? g : EnergyAccounting.WithPower(g, meter, durationSeconds));
                }
            }
        }

        return gpus.OrderBy(g => g.Gpu).ToList();
    }
}
