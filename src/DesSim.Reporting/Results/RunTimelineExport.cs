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

    /// <summary>Writes the trace to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ScenarioRun run)
    {
        var result = run.Result;
        var window = result.TimelineWindow;
        var writer = new ChromeTraceWriter(new TraceLimit(window.StartSeconds, window.StartSeconds + window.DurationSeconds, window.MaxSpans));
        var deployment = run.Deployment;
        for (int r = 0; r < deployment.Plan.Dp; r++)
        {
            writer.NameProcess(r, $"replica {r} ({deployment.Plan})");
            for (int s = 0; s < deployment.Stages.Count; s++)
            {
                var gpus = deployment.GpuIds(r, s);
                writer.NameThread(r, s, $"stage {s} (GPU {string.Join(",", gpus)})");
                if (s + 1 < deployment.Stages.Count)
                {
                    writer.NameThread(r, LinkThreadOffset + s, $"link stage {s}→{s + 1}");
                }
            }
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
}
