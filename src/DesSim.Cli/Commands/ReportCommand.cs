using System.CommandLine;
using DesSim.Reporting.Charts;
using DesSim.Reporting.Output;
using DesSim.Reporting.Results;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim report RESULT_DIR [--svg-dir DIR] [--png-dir DIR]</c>: rebuild <c>report.html</c> from a run's
/// output files without re-running it; optionally write every chart as its own slide-size (1600×900) SVG and/or PNG.</summary>
/// <remarks>Everything is read and rendered before anything is written; report.html is replaced atomically and the
/// SVGs appear together (<see cref="AtomicDirectory"/>). A bad directory or file exits 2 naming the file.</remarks>
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
            var data = ResultDirectoryReader.Read(directory);
            var html = RunReport.Build(data);
            var svgTarget = parse.GetValue(svgDir);
            var pngTarget = parse.GetValue(pngDir);
            var output = parse.InvocationConfiguration.Output;
            AtomicFile.WriteAllText(Path.Combine(directory, "report.html"), html);
            output.WriteLine($"wrote {Path.Combine(directory, "report.html")}");
            if (svgTarget is not null || pngTarget is not null)
            {
                var charts = RunReport.Charts(data).Select(c => (c.Name, c.Chart)).ToArray();
                foreach (var line in ChartFiles.WriteAll(charts, svgTarget, pngTarget))
                {
                    output.WriteLine($"wrote {line}");
                }
            }

            return ExitCodes.Success;
        });
        return cmd;
    }
}
