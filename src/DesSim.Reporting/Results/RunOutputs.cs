using System.Text;
using DesSim.Core.Scenarios;
using DesSim.Core.Workload;
using DesSim.Reporting.Output;
using DesSim.Reporting.Results.Schema;

namespace DesSim.Reporting.Results;

/// <summary>Writes every output file of one run into a directory, atomically (all files appear together, or none).</summary>
public static class RunOutputs
{
    /// <summary>File names written by every run.</summary>
    public static readonly string[] CoreFiles = ["summary.json", "requests.csv", "gpus.csv", "links.csv", "timeseries.csv", ItlQuantiles.FileName, "scenario.yaml"];

    /// <summary>Names an earlier run's directory may hold besides those a run writes (a report, a trace) and still be replaced.</summary>
    public static readonly string[] Replaceable = [.. CoreFiles, "trace.json", "report.html", VllmBenchJsonWriter.FileName];

    /// <summary>The files <paramref name="scenario"/> reads (itself, a trace, length files): no output may touch them.</summary>
    public static IEnumerable<(string Path, string What)> Inputs(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.SourcePath is { Length: > 0 } source && File.Exists(source))
        {
            yield return (source, "the scenario");
        }

        switch (scenario.Workload)
        {
            case TraceWorkloadSpec t:
                yield return (t.TracePath, "the scenario's trace");
                break;
            case SyntheticWorkloadSpec s:
                foreach (var f in new[] { s.InputTokens.File, s.OutputTokens.File }.OfType<string>())
                {
                    yield return (f, "a length file of the scenario");
                }

                break;
        }
    }

    /// <summary>Writes the run's files into <paramref name="directory"/> (refusing a path that touches the scenario's
    /// inputs); with <paramref name="report"/> also <c>report.html</c>.</summary>
    /// <returns>The file names written.</returns>
    public static IReadOnlyList<string> Write(ScenarioRun run, string directory, bool report, string flag = "--out")
    {
        ArgumentNullException.ThrowIfNull(run);
        using var output = new OutputTransaction();
        foreach (var (path, what) in Inputs(run.Scenario))
        {
            output.Input(path, what);
        }

        var files = Write(run, output.Directory(directory, flag, Replaceable), report);
        output.Commit();
        return files;
    }

    /// <summary>Writes the run's files into the staged <paramref name="dir"/>; the caller commits. With
    /// <paramref name="vllmBench"/> also <c>bench_result.json</c> (<see cref="VllmBenchJsonWriter"/>).</summary>
    /// <returns>The file names written.</returns>
    public static IReadOnlyList<string> Write(ScenarioRun run, AtomicDirectory dir, bool report, bool vllmBench = false)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(dir);
        var result = run.Result;
        var scenario = run.Scenario;
        var written = new List<string>();
        using (var s = dir.OpenWrite("summary.json"))
        {
            SummaryJsonWriter.Write(s, Summary(run));
        }

        WriteText(dir, "requests.csv", w => ResultCsvWriters.WriteRequests(w, result.Requests, scenario.Slo, scenario.Disaggregation is null ? null : result.KvTransfers, result.Summary.PrefixCache is not null, result.Summary.PrefixCache is { Tiers.Count: > 0 }));
        WriteText(dir, "gpus.csv", w => ResultCsvWriters.WriteGpus(w, result.Gpus));
        WriteText(dir, "links.csv", w => ResultCsvWriters.WriteLinks(w, result.Links, result.Summary.DurationSeconds));
        WriteText(dir, "timeseries.csv", w => ResultCsvWriters.WriteTimeSeries(w, result.TimeSeries));
        WriteText(dir, ItlQuantiles.FileName, w => ItlQuantiles.Write(w, result.InterTokenLatency));
        dir.WriteAllText("scenario.yaml", scenario.YamlText);
        written.AddRange(CoreFiles);
        if (vllmBench)
        {
            using var s = dir.OpenWrite(VllmBenchJsonWriter.FileName);
            VllmBenchJsonWriter.Write(s, run);
            written.Add(VllmBenchJsonWriter.FileName);
        }

        if (scenario.Outputs.ChromeTrace)
        {
            using var s = dir.OpenWrite("trace.json");
            RunTimelineExport.Write(s, run);
            written.Add("trace.json");
        }

        if (report || scenario.Outputs.Report)
        {
            // Why read back: the report shows what the files say, so it cannot drift from them (and equals `dessim report DIR`).
            dir.WriteAllText("report.html", RunReport.Build(ResultDirectoryReader.Read(dir.StagingDirectory)));
            written.Add("report.html");
        }

        return written;
    }

    /// <summary>The <c>summary.json</c> document of <paramref name="run"/>.</summary>
    public static SummaryDocument Summary(ScenarioRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var scenario = run.Scenario;
        var engine = scenario.EngineSelection is { } e ? new EngineDocument { Name = e.Name, Version = e.RequestedVersion, ModeledAs = e.Model.Version.Text } : null;
        return SummaryDocument.From(scenario.Name, run.LayoutLabel, run.Result.Summary, scenario.Slo, run.Result.Notes, engine) with
        {
            Model = run.Deployment.Model.Name,
            Gpu = run.Deployment.Gpu.Name,
            Deployment = run.Deployment.Describe(),
            Scheduler = SchedulerLine(scenario),
            EngineOverheads = scenario.Engine.Name,
            Seed = scenario.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The scheduler line of the scenario echo (summary.json <c>scheduler</c>).</summary>
    public static string SchedulerLine(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var s = scenario.Scheduler;
        return $"{s.Policy.ToString().ToLowerInvariant()}, max_num_seqs {s.MaxNumSeqs}, max_num_batched_tokens {s.MaxNumBatchedTokens}";
    }

    private static void WriteText(AtomicDirectory dir, string name, Action<TextWriter> write)
    {
        using var stream = dir.OpenWrite(name);
        using var w = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        write(w);
    }
}
