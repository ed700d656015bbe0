using System.CommandLine;
using DesSim.Reporting.Charts;
using DesSim.Reporting.Output;
using DesSim.Reporting.Results;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim report RESULT_DIR [--svg-dir DIR] [--png-dir DIR]</c>: rebuild <c>report.html</c> from a run's
/// output files without re-running it; optionally write every chart as its own slide-size (1600×900) SVG and/or PNG.</summary>
/// <remarks>Everything is read and rendered before anything is written; report.html is replaced atomically and
/// each image is published by one rename into the directory (<see cref="OutputTransaction"/>). A bad directory or file exits 2 naming the file.</remarks>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dir = new Argument<string>("result-dir") { Description = "Output directory of a dessim run (summary.json, requests.csv, gpus.csv, timeseries.csv, itl_quantiles.csv, scenario.yaml, trace.json)" };
        var svgDir = new Option<string?>("--svg-dir") { Description = "Also write each chart as its own .svg into this directory (e.g. docs/img)" };
        var pngDir = new Option<string?>("--png-dir") { Description = "Also write each chart as its own 1600x900 .png into this directory (for slides and docs)" };
        var cmd = new Command("report", "Rebuild report.html from a run's output directory without re-running") { dir, svgDir, pngDir };
        cmd.SetAction(parse =>
        {
            var directory = parse.GetValue(dir)!;
            var svgTarget = parse.GetValue(svgDir);
            var pngTarget = parse.GetValue(pngDir);
            foreach (var (target, flag) in new[] { (svgTarget, "--svg-dir"), (pngTarget, "--png-dir") })
            {
                if (target is not null)
                {
                    OutputPaths.CheckApart(OutputPaths.Require(target, flag), flag, OutputPaths.Full(directory), "the result directory");
                }
            }

            var data = ResultDirectoryReader.Read(directory);
            var html = RunReport.Build(data);
            var charts = svgTarget is null && pngTarget is null ? [] : RunReport.Charts(data);
            var output = parse.InvocationConfiguration.Output;
            using var outputs = new OutputTransaction();
            var reportPath = Path.Combine(directory, "report.html");
            outputs.WriteAllText(reportPath, "result-dir", html);
            var written = new List<string>();
            foreach (var (target, flag, png) in new[] { (svgTarget, "--svg-dir", false), (pngTarget, "--png-dir", true) })
            {
                if (target is null)
                {
                    continue;
                }

                var names = new List<string>();
                foreach (var chart in charts)
                {
                    var name = chart.Name + (png ? ".png" : ".svg");
                    var bytes = ChartFiles.Encode(name, chart.Chart);
                    outputs.File(Path.Combine(target, name), flag).Write(s => s.Write(bytes));
                    names.Add(name);
                }

                written.Add($"{string.Join(", ", names)} to {target}");
            }

            // Why: every file is staged and checked before the first is published, so a bad --svg-dir leaves no report.html.
            outputs.Commit();
            output.WriteLine($"wrote {reportPath}");
            foreach (var line in written)
            {
                output.WriteLine($"wrote {line}");
            }

            return ExitCodes.Success;
        });
        return cmd;
    }
}
