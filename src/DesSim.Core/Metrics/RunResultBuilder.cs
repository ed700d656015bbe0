using DesSim.Core.Execution;

namespace DesSim.Core.Metrics;

/// <summary>Turns a finished simulation and its collector into a <see cref="RunResult"/>.</summary>
public static class RunResultBuilder
{
    /// <summary>Builds the result; <paramref name="notes"/> are carried through (warnings, fallbacks); <paramref name="prices"/>
    /// (optional) cost the run when it has energy figures; <paramref name="percentiles"/> says how latency percentiles are
    /// computed (exact for small runs by default, docs/metrics.md "Percentiles").</summary>
    /// <remarks>Memory: the records are read in passes over the collector's <see cref="RequestLog"/> (in memory or its
    /// spill file); nothing per request is held beyond the exact percentiles' samples.</remarks>
    public static RunResult Build(ServingSimulation simulation, MetricsCollector collector, SloSpec slo, IReadOnlyList<string> notes, PriceSpec? prices = null,
        PercentileMode percentiles = PercentileMode.Auto)
    {
        var records = collector.CompleteRecords();
        var done = records.Where(static r => !r.Rejected);
        long firstNs = collector.FirstArrivalNs < 0 ? 0 : collector.FirstArrivalNs;
        long endNs = long.MinValue;
        int doneCount = 0, met = 0;
        long outTokens = 0, inTokens = 0, multiToken = 0;
        foreach (var r in done)
        {
            doneCount++;
            endNs = Math.Max(endNs, r.Completion.Nanoseconds);
            outTokens += r.OutputTokens;
            inTokens += r.InputTokens;
            met += slo.IsMet(r) ? 1 : 0;
            multiToken += r.OutputTokens > 1 ? 1 : 0;
        }

        endNs = doneCount == 0 ? firstNs : endNs;
        var ttft = new LatencyAccumulator(percentiles, doneCount);
        var tpot = new LatencyAccumulator(percentiles, multiToken);
        var e2el = new LatencyAccumulator(percentiles, doneCount);
        var queue = new LatencyAccumulator(percentiles, doneCount);
        foreach (var r in done)
        {
            ttft.Add(r.TtftMs);
            e2el.Add(r.E2elMs);
            queue.Add(r.QueueMs);
            if (r.OutputTokens > 1)
            {
                tpot.Add(r.TpotMs);
            }
        }

        double duration = (endNs - firstNs) / 1e9;
        double Per(double x) => duration > 0 ? x / duration : 0;

        var gpus = BuildGpus(simulation, collector.GpuTime, duration, collector.Energy);
        double total = gpus.Sum(g => g.TotalSeconds);
        double Share(Func<GpuRecord, double> f) => total > 0 ? gpus.Sum(f) / total : 0;
        var peakKv = simulation.PeakKvBlocks.Zip(simulation.KvCapacityBlocks, (peak, capacity) => peak / (double)capacity).Max();

        var summary = new RunSummary(
            RequestsCompleted: doneCount,
            RequestsRejected: records.Count - doneCount,
            DurationSeconds: duration,
            RequestThroughput: Per(doneCount),
            OutputThroughput: Per(outTokens),
            TotalTokenThroughput: Per(inTokens + outTokens),
            Goodput: Per(met),
            SloAttainment: records.Count > 0 ? met / (double)records.Count : 0,
            TtftMs: ttft.Stats(),
            TpotMs: tpot.Stats(),
            ItlMs: LatencyStats.FromHistogram(collector.InterTokenLatency),
            E2elMs: e2el.Stats(),
            QueueMs: queue.Stats(),
            Preemptions: simulation.Preemptions,
            ComputeShare: Share(g => g.ComputeSeconds),
            TpCommShare: Share(g => g.TpCommSeconds),
            PpCommShare: Share(g => g.PpCommSeconds),
            OtherCommShare: Share(g => g.OtherCommSeconds),
            BubbleShare: Share(g => g.BubbleSeconds),
            IdleShare: Share(g => g.IdleSeconds),
            PeakKvOccupancy: peakKv)
        {
            MaxConcurrentRequests = ConcurrencyPeak.Of(done),
            ExpertLoad = simulation.Config.ExpertRouting?.Stats(),
            Faults = FaultSummary.From(simulation, collector, done, percentiles),
            PrefixCache = PrefixSummary(simulation, done, percentiles),
        };
        if (simulation.HasPools)
        {
            summary = WithPools(summary, simulation, collector, done, doneCount, gpus, percentiles);
        }

        var samples = collector.Samples;
        if (collector.Energy is { } meter)
        {
            var energy = EnergyAccounting.Summarize(meter, gpus, firstNs, endNs, outTokens, doneCount);
            summary = summary with
            {
                Energy = energy,
                Cost = prices is null ? null : CostSummary.From(prices, meter.GpuCount, duration, energy.TotalJoules, outTokens, doneCount),
            };
            samples = EnergyAccounting.WithPower(meter, samples, firstNs, endNs);
        }

        var kv = collector.KvTransfers.ToArray();
        Array.Sort(kv, static (a, b) => a.Id.CompareTo(b.Id));
        return new RunResult(summary, records, gpus, simulation.Network.Links, samples, collector.Spans, collector.Window, collector.TimelineTruncated, notes, collector.InterTokenLatency) { KvTransfers = kv };
    }

    private static RunSummary WithPools(RunSummary summary, ServingSimulation simulation, MetricsCollector collector, IEnumerable<RequestRecord> done, int doneCount,
        List<GpuRecord> gpus, PercentileMode percentiles)
    {
        var kv = simulation.KvTransfers;
        var pools = new List<PoolSummary>();
        double allTotal = 0, allKv = 0;
        for (int p = 0; p < simulation.Pools.Count; p++)
        {
            var pool = simulation.Pools[p];
            var mine = gpus.Where(g => simulation.PoolOf(g.Replica) == p).ToList();
            double total = mine.Sum(g => g.TotalSeconds);
            double Share(Func<GpuRecord, double> f) => total > 0 ? mine.Sum(f) / total : 0;
            double kvSeconds = kv is null ? 0 : mine.Sum(g => kv.BusyNanosecondsPerGpu[g.Gpu] / 1e9);
            allTotal += total;
            allKv += kvSeconds;
            double queue = pool.Role switch
            {
                Parallelism.PoolRole.Decode => collector.KvTransfers.Count > 0 ? collector.KvTransfers.Average(t => t.WaitMs) : 0,
                Parallelism.PoolRole.Prefill => doneCount > 0 ? done.Average(r => r.QueueMs) : 0,
                _ => done.Where(r => simulation.PoolOf(r.Replica) == p).Select(r => r.QueueMs).DefaultIfEmpty(0).Average(),
            };
            var c = pool.Config;
            pools.Add(new PoolSummary(pool.Name, pool.Role.ToString().ToLowerInvariant(), pool.GpuName, c.Replicas, c.TensorParallel, c.Stages, mine.Count,
                Share(g => g.ComputeSeconds + g.TpCommSeconds + g.PpCommSeconds + g.OtherCommSeconds), Share(g => g.ComputeSeconds),
                Share(g => g.TpCommSeconds + g.PpCommSeconds + g.OtherCommSeconds), Share(g => g.BubbleSeconds), Share(g => g.IdleSeconds),
                total > 0 ? kvSeconds / total : 0, queue));
        }

        if (kv is null)
        {
            return summary with { Pools = pools };
        }

        var transfers = collector.KvTransfers;
        return summary with
        {
            Pools = pools,
            KvTransferMs = Stats(transfers.Select(t => t.TransferMs), transfers.Count, percentiles),
            KvWaitMs = Stats(transfers.Select(t => t.WaitMs), transfers.Count, percentiles),
            KvTransferShare = allTotal > 0 ? allKv / allTotal : 0,
            KvTransferBytes = kv.Bytes,
        };
    }

    // The prefix caches' totals over every replica; null unless caching ran on a workload with prefix identities.
    private static PrefixCacheSummary? PrefixSummary(ServingSimulation simulation, IEnumerable<RequestRecord> done, PercentileMode percentiles)
    {
        if (!simulation.PrefixCachingActive)
        {
            return null;
        }

        var caches = simulation.PrefixCaches.ToList();
        int bpu = caches[0].BlocksPerUnit;
        int unit = caches[0].UnitTokens;
        int hits = 0, misses = 0;
        foreach (var r in done)
        {
            _ = r.CachedTokens > 0 ? hits++ : misses++;
        }

        var summary = new PrefixCacheSummary(unit, caches.Sum(c => c.QueriedTokens), caches.Sum(c => c.HitTokens), caches.Sum(c => c.QueriedUnits),
            caches.Sum(c => c.HitUnits), caches.Sum(c => c.SavedTokens), caches.Sum(c => c.EvictedUnits) * bpu)
        {
            TtftHitMs = Stats(done.Where(r => r.CachedTokens > 0).Select(r => r.TtftMs), hits, percentiles),
            TtftMissMs = Stats(done.Where(r => r.CachedTokens == 0).Select(r => r.TtftMs), misses, percentiles),
            HitRequests = hits,
        };
        var lower = simulation.KvTierStats;
        if (lower.Count == 0)
        {
            return summary;
        }

        // Why blocks × bpu: the tiers count cache units, the summary counts them as the cache's blocks of `unit` tokens.
        var tiers = lower.Select(t => new PrefixTierSummary(t.Name, t.Shared, t.CapacityBlocks, t.HitBlocks * unit, t.HitBlocks, t.LoadedBlocks, t.WrittenBlocks,
            t.EvictedBlocks, t.BytesLoaded, t.BytesWritten, t.Loads, t.MeanLoadMs)).ToList();
        var gpu = new PrefixTierSummary("gpu", false, 0, summary.HitTokens - tiers.Sum(t => t.HitTokens), summary.HitBlocks - tiers.Sum(t => t.HitBlocks), 0, 0, caches.Sum(c => c.EvictedUnits), 0, 0, 0, 0);
        return summary with { Tiers = [gpu, .. tiers] };
    }

    private static LatencyStats Stats(IEnumerable<double> samplesMs, long count, PercentileMode percentiles)
    {
        var acc = new LatencyAccumulator(percentiles, count);
        foreach (var v in samplesMs)
        {
            acc.Add(v);
        }

        return acc.Stats();
    }

    private static List<GpuRecord> BuildGpus(ServingSimulation simulation, GpuTimeAccounting gpuTime, double durationSeconds, EnergyMeter? meter)
    {
        var gpus = new List<GpuRecord>();
        var stages = simulation.StagesPerReplica;
        var active = simulation.ReplicaActiveNanoseconds;
        var ids = simulation.Config.StageGpuIds;
        for (int r = 0; r < stages.Count; r++)
        {
            for (int s = 0; s < stages[r]; s++)
            {
                var t = gpuTime.Stage(r, s);
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
