using System.CommandLine;
using System.Globalization;
using DesSim.Core.Fidelity.Calibration;
using DesSim.Core.Fidelity.Validation;
using DesSim.Reporting.Charts;
using DesSim.Reporting.Output;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim validate [SUITE]</c>: runs a bundled suite of measured end-to-end cases and prints predicted vs measured.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var suite = new Argument<string>("SUITE") { Description = "bundled (default) | splitwise | trtllm | silicon", DefaultValueFactory = _ => "bundled" };
        var svg = new Option<string?>("--svg") { Description = "Write the log-log predicted-vs-measured scatter here (default: results/validation.svg)", DefaultValueFactory = _ => Path.Combine("results", "validation.svg") };
        var png = new Option<string?>("--png") { Description = "Also write the scatter as a 1600x900 PNG here" };
        var runs = new Option<string?>("--write-runs") { Description = "Also write the Splitwise runs (medians, fit/holdout split) as a 'calibrate --runs' CSV" };
        var cmd = new Command("validate", "Run the bundled validation suite: predicted vs measured per case, error summary per metric, scatter SVG") { suite, svg, png, runs };
        cmd.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            using var outputs = new OutputTransaction();
            var path = parse.GetValue(svg);
            var runsPath = parse.GetValue(runs);
            var svgOut = path is null ? null : outputs.File(path, "--svg");
            var pngPath = parse.GetValue(png);
            var pngOut = pngPath is null ? null : outputs.File(pngPath, "--png");
            var runsOut = runsPath is null ? null : outputs.File(runsPath, "--write-runs");
            var report = ValidationSuite.Run(parse.GetValue(suite)!);
            Write(report, o);
            var chart = Scatter(report);
            if (svgOut is not null)
            {
                var text = chart.RenderSvg();
                svgOut.Write(s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)));
            }

            if (pngOut is not null)
            {
                var bytes = chart.RenderPng();
                pngOut.Write(s => s.Write(bytes));
            }

            if (runsOut is not null)
            {
                using var w = new StringWriter(CultureInfo.InvariantCulture);
                MeasuredRunsCsv.Write(w, SplitwiseRuns.Load());
                var text = w.ToString();
                runsOut.Write(s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)));
            }

            // Why: both files are complete before either is published, so a bad --write-runs leaves no SVG behind.
            outputs.Commit();
            foreach (var written in new[] { path, pngPath, runsPath }.OfType<string>())
            {
                o.WriteLine($"wrote {written}");
            }

            return 0;
        });
        return cmd;
    }

    /// <summary>Writes the per-case table and the summary.</summary>
    public static void Write(ValidationReport report, TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"{"case",-56} {"metric",-10} {"role",-8} {"measured",10} {"predicted",10} {"error",8}"));
        foreach (var c in report.Cases)
        {
            o.WriteLine(string.Create(inv, $"{c.Id,-56} {c.Metric,-10} {c.Role,-8} {c.Measured,10:G5} {c.Predicted,10:G5} {c.ErrorPercent,7:F1}%"));
        }

        o.WriteLine();
        var e = report.FittedEngine;
        if (report.Cases.Any(c => c.Group == SplitwiseRuns.Group))
        {
            o.WriteLine(string.Create(inv, $"Splitwise engine overheads fitted on the fit rows: iteration {e.IterationOverheadSeconds * 1e3:F3} ms, per sequence {e.PerSequenceOverheadSeconds * 1e3:F3} ms, per TP collective step {e.CollectiveStepOverheadSeconds * 1e6:F2} us"));
        }

        var t = report.ThroughputEngine;
        if (report.Cases.Any(c => c.Group == TrtllmCases.Group))
        {
            o.WriteLine(string.Create(inv, $"Throughput cases use the shipped '{t.Name}' preset: iteration {t.IterationOverheadSeconds * 1e3:F3} ms, per sequence {t.PerSequenceOverheadSeconds * 1e3:F3} ms, per TP collective step {t.CollectiveStepOverheadSeconds * 1e6:F2} us"));
        }

        if (report.Power is { } p)
        {
            o.WriteLine(string.Create(inv, $"Power model (docs/energy.md): fitted on {p.FitRows} Splitwise rows (TP {Core.Fidelity.Validation.SplitwiseRuns.HoldOutTp} held out, prompt {Core.Fidelity.Validation.PowerValidation.ExcludedPromptTokens} excluded): memory-bound activity k_m = {p.MemoryBoundActivity:F3}, communication activity k_x = {p.CommunicationActivity:F3} (shipped: {Core.Cost.PowerModel.MemoryBoundActivity:F3}, {Core.Cost.PowerModel.CommunicationActivity:F3}); power cases use the shipped constants"));
        }

        o.WriteLine(string.Create(inv, $"{"group",-36} {"metric",-10} {"role",-9} {"cases",5} {"median |err|",12} {"p90 |err|",10} {"max |err|",10} {"bias",8} {"TP order",9}"));
        foreach (var s in report.Summary())
        {
            var order = s.TpPairs > 0 ? $"{s.TpPairsRight}/{s.TpPairs}" : "-";
            o.WriteLine(string.Create(inv, $"{s.Group,-36} {s.Metric,-10} {s.Role,-9} {s.Count,5} {s.MedianAbsPercent,11:F1}% {s.P90AbsPercent,9:F1}% {s.MaxAbsPercent,9:F1}% {s.BiasPercent,7:F1}% {order,9}"));
        }

        WriteDecomposition(report.Decomposition, o);
    }

    /// <summary>Writes where the silicon suite's closed-loop error comes from (<see cref="ClosedLoopDecomposition"/>): per engine
    /// and prompt length, the median predicted ÷ measured decode step d, prefill cost x and prefills inside TTFT g.</summary>
    public static void WriteDecomposition(IReadOnlyList<ClosedLoopDecomposition.Decomposed> configurations, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        ArgumentNullException.ThrowIfNull(o);
        if (configurations.Count == 0)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine("Where the closed-loop error comes from (silicon fit rows; TPOT(osl) = d + (c - g) x / (osl - 1), TTFT = d + g x; docs/engines.md):");
        o.WriteLine("d = decode step, x = the time one prefill adds, g = prefill costs inside TTFT; ratios are predicted / measured, medians over TP and concurrency");
        o.WriteLine(string.Create(inv, $"{"group",-24} {"isl",5} {"configs",7} {"d ratio",8} {"x ratio",8} {"g ratio",8} {"g at lowest c: measured",24} {"predicted",9}"));
        foreach (var s in ClosedLoopDecomposition.Summarize(configurations))
        {
            o.WriteLine(string.Create(inv, $"{s.Group,-24} {s.InputTokens,5} {s.Configurations,7} {s.DecodeStepRatio,8:F2} {s.PrefillCostRatio,8:F2} {s.PrefillsInTtftRatio,8:F2} {s.MeasuredPrefillsInTtftAtLowest,24:F1} {s.PredictedPrefillsInTtftAtLowest,9:F1}"));
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
