using System.CommandLine;
using System.Globalization;
using DesSim.Core.Calibration;
using DesSim.Core.Validation;
using DesSim.Reporting.Charts;
using DesSim.Reporting.Output;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim validate [SUITE]</c>: runs a bundled suite of measured end-to-end cases and prints predicted vs measured.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var suite = new Argument<string>("SUITE") { Description = "bundled (default) | splitwise | trtllm", DefaultValueFactory = _ => "bundled" };
        var svg = new Option<string?>("--svg") { Description = "Write the log-log predicted-vs-measured scatter here (default: results/validation.svg)", DefaultValueFactory = _ => Path.Combine("results", "validation.svg") };
        var png = new Option<string?>("--png") { Description = "Also write the scatter as a 1600x900 PNG here" };
        var runs = new Option<string?>("--write-runs") { Description = "Also write the Splitwise runs (medians, fit/holdout split) as a 'calibrate --runs' CSV" };
        var cmd = new Command("validate", "Run the bundled validation suite: predicted vs measured per case, error summary per metric, scatter SVG") { suite, svg, png, runs };
        cmd.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var report = ValidationSuite.Run(parse.GetValue(suite)!);
            Write(report, o);
            foreach (var path in new[] { parse.GetValue(svg), parse.GetValue(png) }.OfType<string>().Where(p => p.Length > 0))
            {
                ChartFiles.Write(path, Scatter(report));
                o.WriteLine($"wrote {path}");
            }

            if (parse.GetValue(runs) is { Length: > 0 } runsPath)
            {
                using var w = new StringWriter(CultureInfo.InvariantCulture);
                MeasuredRunsCsv.Write(w, SplitwiseRuns.Load());
                AtomicFile.WriteAllText(runsPath, w.ToString());
                o.WriteLine($"wrote {runsPath}");
            }

            return 0;
        });
        return cmd;
    }

    /// <summary>Writes the per-case table and the summary.</summary>
    public static void Write(ValidationReport report, TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"{"case",-44} {"metric",-10} {"role",-8} {"measured",10} {"predicted",10} {"error",8}"));
        foreach (var c in report.Cases)
        {
            o.WriteLine(string.Create(inv, $"{c.Id,-44} {c.Metric,-10} {c.Role,-8} {c.Measured,10:G5} {c.Predicted,10:G5} {c.ErrorPercent,7:F1}%"));
        }

        o.WriteLine();
        var e = report.FittedEngine;
        o.WriteLine(string.Create(inv, $"Splitwise engine overheads fitted on the fit rows: iteration {e.IterationOverheadSeconds * 1e3:F3} ms, per sequence {e.PerSequenceOverheadSeconds * 1e3:F3} ms, per TP collective step {e.CollectiveStepOverheadSeconds * 1e6:F2} us"));
        var t = report.ThroughputEngine;
        o.WriteLine(string.Create(inv, $"Throughput cases use the shipped '{t.Name}' preset: iteration {t.IterationOverheadSeconds * 1e3:F3} ms, per sequence {t.PerSequenceOverheadSeconds * 1e3:F3} ms, per TP collective step {t.CollectiveStepOverheadSeconds * 1e6:F2} us"));
        o.WriteLine(string.Create(inv, $"{"metric",-10} {"role",-9} {"cases",5} {"median |err|",12} {"max |err|",10}"));
        foreach (var s in report.Summary())
        {
            o.WriteLine(string.Create(inv, $"{s.Metric,-10} {s.Role,-9} {s.Count,5} {s.MedianAbsPercent,11:F1}% {s.MaxAbsPercent,9:F1}%"));
        }
    }

    /// <summary>The log-log scatter of predicted vs measured per metric and role, with the y = x line.</summary>
    public static Chart Scatter(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var groups = report.Cases.Where(c => c.Predicted > 0)
            .GroupBy(c => $"{c.Metric} ({c.Unit}, {c.Role})")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<double>)g.Select(c => c.Measured).ToArray(), (IReadOnlyList<double>)g.Select(c => c.Predicted).ToArray()))
            .ToArray();
        return StudyCharts.PredictedVsMeasured("DesSim validation: predicted vs measured", string.Empty, groups);
    }
}
