using System.CommandLine;
using DesSim.Core;
using DesSim.Core.Workload;
using DesSim.Engine;
using DesSim.Reporting.Charts;
using DesSim.Reporting.Output;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim trace stats FILE [--svg PATH] [--png PATH]</c>: requests, span, mean rate, inter-arrival CV and length percentiles of a trace.</summary>
/// <remarks>With <c>--svg</c> or <c>--png</c>, also the input/output length histograms (<see cref="TraceStats.InputHistogram"/>,
/// <see cref="TraceStats.OutputHistogram"/>) as one two-panel image (1600×900), written atomically.</remarks>
public static class TraceCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Trace file (Azure, Vidur, BurstGPT, SplitwiseSim or generic CSV; Mooncake JSONL)" };
        var format = new Option<string>("--format") { Description = $"Trace format: {string.Join(" | ", TraceFiles.FormatNames)}", DefaultValueFactory = _ => "auto" };
        var skip = new Option<bool>("--skip-invalid") { Description = "Skip malformed rows (counted by reason) instead of stopping" };
        var svg = new Option<string?>("--svg") { Description = "Also write the input/output length histograms as one SVG to this path" };
        var png = new Option<string?>("--png") { Description = "Also write the input/output length histograms as one 1600x900 PNG to this path" };
        var stats = new Command("stats", "Print requests, span, mean rate, inter-arrival CV and input/output length percentiles") { file, format, skip, svg, png };
        stats.SetAction(parse => Stats(parse.GetValue(file)!, parse.GetValue(format)!, parse.GetValue(skip), [parse.GetValue(svg), parse.GetValue(png)], parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return new Command("trace", "Inspect request traces") { stats };
    }

    private static readonly string[] ImageFlags = ["--svg", "--png"];

    private static int Stats(string path, string formatName, bool skipInvalid, string?[] imagePaths, TextWriter output, TextWriter error)
    {
        using var outputs = new OutputTransaction().Input(path, "the trace");
        var staged = new Dictionary<string, StagedFile>(StringComparer.Ordinal);
        foreach (var (imagePath, flag) in imagePaths.Zip(ImageFlags).Where(x => x.First is not null))
        {
            staged[imagePath!] = outputs.File(imagePath, flag);
        }

        var format = TraceFiles.ParseFormat(formatName)
            ?? throw new InputException("--format", null, $"unknown format '{formatName}'", $"valid: {string.Join(", ", TraceFiles.FormatNames)}");
        var spec = new TraceWorkloadSpec(path, format) { SkipInvalid = skipInvalid };
        using var opened = WorkloadFactory.Open(spec, new RandomStreams(0));
        var stats = TraceStats.Compute(opened.Source, sourceName: path, diagnostics: opened.Diagnostics);
        output.WriteLine($"file: {path}");
        output.Write(stats.Format());
        var d = opened.Diagnostics;
        if (d.SkippedInvalid > 0 || d.FailedRequestsSkipped > 0 || d.RaisedToOneToken > 0 || d.ReorderedRows > 0 || d.Warnings.Count > 0)
        {
            error.Write(d.Summary());
        }

        foreach (var imagePath in imagePaths.OfType<string>())
        {
            var bytes = ChartFiles.Encode(imagePath, TraceLengthCharts.Build(Path.GetFileName(path), stats.InputHistogram, stats.OutputHistogram));
            staged[imagePath].Write(s => s.Write(bytes));
        }

        outputs.Commit();
        foreach (var imagePath in staged.Keys)
        {
            output.WriteLine($"wrote {imagePath}");
        }

        return ExitCodes.Success;
    }
}
