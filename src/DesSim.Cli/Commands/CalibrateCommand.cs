using System.CommandLine;
using System.Globalization;
using DesSim.Core;
using DesSim.Core.Calibration;
using DesSim.Core.Scenarios;
using DesSim.Reporting.Output;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim calibrate --runs FILE.csv --engine NAME --out engine.yaml</c>: fits engine overheads to a user's measured runs.</summary>
public static class CalibrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var runs = new Option<string>("--runs") { Description = "CSV of measured runs: model,gpu,[precision],tp,[pp],batch,input_tokens,output_tokens,ttft_ms,tpot_ms,[id],[split]", Required = true };
        var engine = new Option<string>("--engine") { Description = "Name of the fitted engine (e.g. vllm, or your own)", DefaultValueFactory = _ => "custom" };
        var output = new Option<string>("--out") { Description = "Where to write the engine YAML", Required = true };
        var cmd = new Command("calibrate", "Fit serving-engine overheads (least squares) to measured end-to-end runs; reports fit and hold-out error") { runs, engine, output };
        cmd.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(runs)!;
            var list = MeasuredRunsCsv.Read(path);
            if (list.All(r => r.HoldOut))
            {
                throw new InputException(path, "split", "every row is held out", "mark some rows split=fit");
            }

            var fit = EngineFitter.Fit(list, parse.GetValue(engine)!);
            var text = Report(fit, list.Count);
            o.Write(text);
            var outPath = parse.GetValue(output)!;
            AtomicFile.WriteAllText(outPath, EngineOverheadsYaml.Write(fit.Engine, $"dessim calibrate --runs {Path.GetFileName(path)}\n" + text.TrimEnd()));
            o.WriteLine($"wrote {outPath}");
            return 0;
        });
        return cmd;
    }

    /// <summary>The fitted parameters and fit / hold-out error, before and after.</summary>
    public static string Report(EngineFitResult fit, int rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var w = new StringWriter(inv);
        var e = fit.Engine;
        w.WriteLine(string.Create(inv, $"fitted '{e.Name}' on {fit.Fitted.Count(r => !r.Run.HoldOut)} of {rows} runs: iteration {e.IterationOverheadSeconds * 1e3:F3} ms, per sequence {e.PerSequenceOverheadSeconds * 1e3:F3} ms, per TP collective step {e.CollectiveStepOverheadSeconds * 1e6:F2} us"));
        w.WriteLine(string.Create(inv, $"{"rows",-9} {"metric",-5} {"n",4} {"R2",7} {"median |err|",12} {"max |err|",10}   (no overhead: median / max)"));
        foreach (var holdOut in new[] { false, true })
        {
            var after = EngineFitResult.Stats(fit.Fitted, holdOut);
            var before = EngineFitResult.Stats(fit.Baseline, holdOut);
            foreach (var (metric, a, b) in new[] { ("TTFT", after.Ttft, before.Ttft), ("TPOT", after.Tpot, before.Tpot) })
            {
                if (a.Count > 0)
                {
                    w.WriteLine(string.Create(inv, $"{(holdOut ? "hold-out" : "fit"),-9} {metric,-5} {a.Count,4} {a.RSquared,7:F3} {a.MedianAbsRelativeError * 100,11:F1}% {a.MaxAbsRelativeError * 100,9:F1}%   ({b.MedianAbsRelativeError * 100:F1}% / {b.MaxAbsRelativeError * 100:F1}%)"));
                }
            }
        }

        return w.ToString();
    }
}
