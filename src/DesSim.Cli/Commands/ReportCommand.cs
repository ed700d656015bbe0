using System.CommandLine;
using DesSim.Reporting.Output;
using DesSim.Reporting.Results;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim report RESULT_DIR [--svg-dir DIR]</c>: rebuild <c>report.html</c> from a run's output files
/// without re-running it; optionally write every chart as its own SVG.</summary>
/// <remarks>Everything is read and rendered before anything is written; report.html is replaced atomically and the
/// each SVG is published by one rename into the directory (<see cref="OutputTransaction"/>). A bad directory or file exits 2 naming the file.</remarks>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dir = new Argument<string>("result-dir") { Description = "Output directory of a dessim run (summary.json, requests.csv, gpus.csv, timeseries.csv, itl_quantiles.csv, scenario.yaml, trace.json)" };
        var svgDir = new Option<string?>("--svg-dir") { Description = "Also write each chart as its own .svg into this directory (e.g. docs/img)" };
        var cmd = new Command("report", "Rebuild report.html from a run's output directory without re-running") { dir, svgDir };
        cmd.SetAction(parse =>
        {
            var directory = parse.GetValue(dir)!;
            var svgTarget = parse.GetValue(svgDir);
            if (svgTarget is not null)
            {
                OutputPaths.CheckApart(OutputPaths.Require(svgTarget, "--svg-dir"), "--svg-dir", OutputPaths.Full(directory), "the result directory");
            }

            var data = ResultDirectoryReader.Read(directory);
            var html = RunReport.Build(data);
            var charts = svgTarget is null ? null : RunReport.Charts(data);
            var output = parse.InvocationConfiguration.Output;
            using var outputs = new OutputTransaction();
            var reportPath = Path.Combine(directory, "report.html");
            outputs.WriteAllText(reportPath, "result-dir", html);
            var svgFiles = new List<string>();
            if (svgTarget is not null && charts is not null)
            {
                foreach (var chart in charts)
                {
                    outputs.WriteAllText(Path.Combine(svgTarget, chart.FileName), "--svg-dir", chart.Svg);
                    svgFiles.Add(chart.FileName);
                }
            }

            // Why: every file is staged and checked before the first is published, so a bad --svg-dir leaves no report.html.
            outputs.Commit();
            output.WriteLine($"wrote {reportPath}");
            if (svgFiles.Count > 0)
            {
                output.WriteLine($"wrote {string.Join(", ", svgFiles)} to {svgTarget}");
            }

            return ExitCodes.Success;
        });
        return cmd;
    }
}
