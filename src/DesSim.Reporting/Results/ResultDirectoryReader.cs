using DesSim.Core;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results;

/// <summary>Fills <see cref="ReportData"/> by reading a run's output directory back: summary.json, requests.csv,
/// gpus.csv, timeseries.csv, itl_quantiles.csv, scenario.yaml and (when present) trace.json.</summary>
/// <remarks>Read-only. A missing directory or file, or a malformed one, is an <see cref="InputException"/> naming the
/// file (and line/key); trace.json is optional (no trace, no pipeline chart), as with <c>outputs.chrome_trace: false</c>.</remarks>
public static class ResultDirectoryReader
{
    /// <summary>Files <see cref="Read"/> needs.</summary>
    public static readonly string[] RequiredFiles = ["summary.json", "requests.csv", "gpus.csv", "timeseries.csv", ItlQuantiles.FileName, "scenario.yaml"];

    /// <summary>Reads <paramref name="directory"/>.</summary>
    public static ReportData Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new InputException(directory, null, "no such directory", "pass the output directory of a dessim run, e.g. results/quickstart");
        }

        foreach (var name in RequiredFiles)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                throw new InputException(path, null, "missing", $"a result directory written by dessim run holds {string.Join(", ", RequiredFiles)}; re-run the scenario to write it");
            }
        }

        var summaryPath = Path.Combine(directory, "summary.json");
        var summary = SummaryJsonReader.Read(summaryPath);
        var (ttft, tpot, e2el, prefix) = ReadRequests(Path.Combine(directory, "requests.csv"));
        var gpus = ReadGpus(Path.Combine(directory, "gpus.csv"));
        var trace = Path.Combine(directory, "trace.json");
        string yaml;
        try
        {
            yaml = File.ReadAllText(Path.Combine(directory, "scenario.yaml"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(Path.Combine(directory, "scenario.yaml"), null, $"cannot read: {e.Message}");
        }

        return new ReportData(
            summary.Document.Name,
            summary.Required(summary.Document.Deployment, "deployment"),
            summary.Required(summary.Document.Model, "model"),
            summary.Required(summary.Document.Gpu, "gpu"),
            summary.Document.Layout,
            summary.Required(summary.Document.Scheduler, "scheduler"),
            summary.Required(summary.Document.EngineOverheads, "engine_overheads"),
            summary.Required(summary.Document.Seed, "seed"),
            yaml,
            summary.Summary,
            summary.Slo,
            summary.Notes,
            ttft,
            tpot,
            e2el,
            ReadItl(Path.Combine(directory, ItlQuantiles.FileName)),
            gpus,
            ReadTimeSeries(Path.Combine(directory, "timeseries.csv")),
            gpus.Count == 0 ? 0 : gpus.Max(g => g.Stage) + 1,
            File.Exists(trace) ? TraceTimelineReader.Read(trace) : null)
        {
            JoulesPerOutputToken = summary.Document.Energy?.JPerOutputToken ?? double.NaN,
            UsdPerMillionOutputTokens = summary.Document.Cost?.UsdPerMillionOutputTokens.Total ?? double.NaN,
            PrefixSamples = prefix,
        };
    }

    private static (double[] Ttft, double[] Tpot, double[] E2el, PrefixSample[] Prefix) ReadRequests(string path)
    {
        using var t = ResultCsvTable.Open(path, "ttft_ms", "tpot_ms", "e2el_ms", "rejected");
        List<double> ttft = [], tpot = [], e2el = [];
        List<PrefixSample> prefix = [];
        bool cached = t.HasColumn("cached_tokens"), loaded = t.HasColumn("loaded_tokens");
        while (t.Read())
        {
            if (t.Bool("rejected"))
            {
                continue;
            }

            if (cached)
            {
                prefix.Add(new PrefixSample(t.Double("scheduled_s"), t.Int("input_tokens"), t.Int("cached_tokens"), loaded ? t.Int("loaded_tokens") : 0));
            }

            ttft.Add(t.Double("ttft_ms"));
            var p = t.Double("tpot_ms");
            if (double.IsFinite(p))
            {
                tpot.Add(p);
            }

            e2el.Add(t.Double("e2el_ms"));
        }

        return ([.. ttft], [.. tpot], [.. e2el], [.. prefix]);
    }

    private static List<GpuShares> ReadGpus(string path)
    {
        string[] shares = ["compute_share", "tp_comm_share", "pp_comm_share", "other_comm_share", "bubble_share", "idle_share"];
        using var t = ResultCsvTable.Open(path, ["gpu", "replica", "stage", .. shares]);
        var gpus = new List<GpuShares>();
        while (t.Read())
        {
            var stage = t.Int("stage");
            if (stage < 0)
            {
                throw t.Error("stage", "negative stage");
            }

            gpus.Add(new GpuShares(t.Int("gpu"), t.Int("replica"), stage, shares.Select(t.Double).ToArray()));
        }

        return gpus;
    }

    private static List<TimeSeriesRow> ReadTimeSeries(string path)
    {
        using var t = ResultCsvTable.Open(path, "time_s", "queue_length", "running_requests", "batch_tokens", "kv_occupancy", "output_tokens_per_s");
        var rows = new List<TimeSeriesRow>();
        bool power = t.HasColumn("cluster_power_w");
        while (t.Read())
        {
            rows.Add(new TimeSeriesRow(t.Double("time_s"), t.Int("queue_length"), t.Int("running_requests"), t.Int("batch_tokens"), t.Double("kv_occupancy"), t.Double("output_tokens_per_s"))
            {
                ClusterPowerWatts = power ? t.Double("cluster_power_w") : double.NaN,
            });
        }

        return rows;
    }

    private static List<double> ReadItl(string path)
    {
        using var t = ResultCsvTable.Open(path, "p", "itl_ms");
        var values = new List<double>();
        while (t.Read())
        {
            var v = t.Double("itl_ms");
            values.Add(double.IsFinite(v) ? v : throw t.Error("itl_ms", "empty"));
        }

        return values.Count is 0 or ReportData.ItlQuantileCount
            ? values
            : throw new InputException(path, null, $"{values.Count} quantiles, expected {ReportData.ItlQuantileCount} (or none)");
    }
}
