using System.Globalization;
using DesSim.Core.Scenarios;
using DesSim.Reporting.Trace;

namespace DesSim.Reporting.Results;

/// <summary>Writes a run's timeline window as Chrome Trace Event JSON (<c>trace.json</c>, opens in Perfetto).</summary>
/// <remarks>One process per replica; one thread per pipeline stage (named with its GPUs) and one per stage's outgoing link;
/// counters for queue length and KV occupancy from the time series. Limited to the scenario's timeline window.</remarks>
public static class RunTimelineExport
{
    /// <summary>Thread ids of link rows start here so they sort after the stage rows.</summary>
    public const int LinkThreadOffset = 1000;

    /// <summary>Thread id of a decode instance's incoming KV transfers (disaggregated runs).</summary>
    public const int KvThread = 2000;

    /// <summary>Writes the trace to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ScenarioRun run)
    {
        var result = run.Result;
        var window = result.TimelineWindow;
        var writer = new ChromeTraceWriter(new TraceLimit(window.StartSeconds, window.StartSeconds + window.DurationSeconds, window.MaxSpans));
        var deployment = run.Deployment;
        if (run.Pools is { } pools)
        {
            NamePools(writer, pools, run.Scenario.Disaggregation is not null);
        }
        else
        {
            for (int r = 0; r < deployment.Plan.Dp; r++)
            {
                NameReplica(writer, r, $"replica {r} ({deployment.Plan})", Enumerable.Range(0, deployment.Stages.Count).Select(s => deployment.GpuIds(r, s)).ToArray());
            }
        }

        foreach (var kv in result.KvTransfers)
        {
            var args = new KeyValuePair<string, string>[]
            {
                new("request", kv.Id.ToString(CultureInfo.InvariantCulture)),
                new("from_replica", kv.PrefillReplica.ToString(CultureInfo.InvariantCulture)),
                new("bytes", kv.Bytes.ToString(CultureInfo.InvariantCulture)),
                new("wait_ms", kv.WaitMs.ToString("0.###", CultureInfo.InvariantCulture)),
            };
            writer.AddSpan(new TraceSpan(kv.DecodeReplica, KvThread, $"kv r{kv.Id}", "kv_transfer", kv.ReadyNs / 1e9, (kv.EndNs - kv.ReadyNs) / 1e9, args));
        }

        foreach (var span in result.Timeline)
        {
            var microBatch = new KeyValuePair<string, string>("micro_batch", span.MicroBatch.ToString(CultureInfo.InvariantCulture));
            var args = span.IsTransfer
                ? new[] { microBatch }
                : [microBatch, new("tokens", span.Tokens.ToString(CultureInfo.InvariantCulture))];
            writer.AddSpan(new TraceSpan(
                span.Replica,
                span.IsTransfer ? LinkThreadOffset + span.Stage : span.Stage,
                span.IsTransfer ? $"send mb{span.MicroBatch}" : $"mb{span.MicroBatch}",
                span.IsTransfer ? "pp_transfer" : "stage",
                span.StartNs / 1e9,
                (span.EndNs - span.StartNs) / 1e9,
                args));
        }

        foreach (var row in result.TimeSeries)
        {
            writer.AddCounter(new TraceCounter(0, "queue_length", row.TimeSeconds, row.QueueLength));
            writer.AddCounter(new TraceCounter(0, "kv_occupancy", row.TimeSeconds, row.KvOccupancy));
        }

        writer.Write(stream);
    }

    private static void NamePools(ChromeTraceWriter writer, IReadOnlyList<Core.Parallelism.PlacedPool> pools, bool disaggregated)
    {
        int r = 0;
        foreach (var pool in pools)
        {
            for (int i = 0; i < pool.Spec.Instances; i++, r++)
            {
                NameReplica(writer, r, $"{pool.Spec.Name} {i} (replica {r}, TP{pool.Spec.Tp}xPP{pool.Spec.Pp} on {pool.Deployment.Gpu.Name})", pool.GpuIds[i]);
                if (disaggregated && pool.Spec.Role == Core.Parallelism.PoolRole.Decode)
                {
                    writer.NameThread(r, KvThread, "KV in (wait + transfer)");
                }
            }
        }
    }

    private static void NameReplica(ChromeTraceWriter writer, int replica, string name, int[][] stageGpus)
    {
        writer.NameProcess(replica, name);
        for (int s = 0; s < stageGpus.Length; s++)
        {
            writer.NameThread(replica, s, $"stage {s} (GPU {string.Join(",", stageGpus[s])})");
            if (s + 1 < stageGpus.Length)
            {
                writer.NameThread(replica, LinkThreadOffset + s, $"link stage {s}→{s + 1}");
            }
        }
    }
}
