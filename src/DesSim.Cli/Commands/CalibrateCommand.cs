using System.CommandLine;
using System.Globalization;
using DesSim.Core;
using DesSim.Core.Fidelity.Calibration;
using DesSim.Core.Hardware;
using DesSim.Reporting.Output;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim calibrate</c>: fits a GPU calibration from micro-benchmark tables (<c>--from</c>) or engine overheads
/// from measured end-to-end runs (<c>--runs</c>).</summary>
public static class CalibrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var from = new Option<string[]>("--from") { Description = "Measurement files or directories: aiconfigurator/vidur CSV tables, nccl-tests output (.txt/.log/.out)", AllowMultipleArgumentsPerToken = true };
        var gpu = new Option<string?>("--gpu") { Description = "Catalog GPU the measurements were taken on (with --from)" };
        var runs = new Option<string?>("--runs") { Description = "Measured runs: a CSV (model,gpu,[precision],tp,[pp],batch,input_tokens,output_tokens,ttft_ms,tpot_ms,[id],[split]), or 'vllm bench serve --save-result' JSON (a .json file or a directory of them; --metadata gpu=… tp=… [precision engine engine_version split])" };
        var engine = new Option<string>("--engine") { Description = "Name of the fitted engine (with --runs)", DefaultValueFactory = _ => "custom" };
        var output = new Option<string>("--out") { Description = "Where to write the calibration or engine YAML", Required = true };
        var plot = new Option<string?>("--plot") { Description = "Fit plot SVG (with --from; default: the --out path with .svg)" };
        var cmd = new Command("calibrate", "Fit a GPU calibration from micro-benchmarks (--from) or engine overheads from end-to-end runs (--runs); prints fit quality")
        {
            from, gpu, runs, engine, output, plot,
        };
        cmd.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var fromPaths = parse.GetValue(from) ?? [];
            var runsPath = parse.GetValue(runs);
            if ((fromPaths.Length > 0) == (runsPath is not null))
            {
                throw new InputException("calibrate", null, "give exactly one of --from and --runs", "--from DIR --gpu NAME, or --runs FILE.csv --engine NAME");
            }

            var outPath = parse.GetValue(output)!;
            if (runsPath is not null)
            {
                FitEngine(runsPath, parse.GetValue(engine)!, outPath, o);
            }
            else
            {
                var gpuName = parse.GetValue(gpu) ?? throw new InputException("--gpu", null, "is required with --from");
                var g = GpuCatalog.TryGet(gpuName) ?? throw new InputException("--gpu", null, $"unknown GPU '{gpuName}'", GpuCatalog.UnknownHint(gpuName));
                CalibrateFromCommand.Run(fromPaths, g, outPath, parse.GetValue(plot) ?? Path.ChangeExtension(outPath, ".svg"), o);
            }

            return 0;
        });
        return cmd;
    }

    private static void FitEngine(string path, string name, string outPath, TextWriter o)
    {
        bool json = Directory.Exists(path) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        using var outputs = json && Directory.Exists(path) ? new OutputTransaction() : new OutputTransaction().Input(path, "the --runs file");
        var staged = outputs.File(outPath, "--out");
        EngineFitResult fit;
        int count;
        if (json)
        {
            var serving = ReadServingRuns(path);
            count = serving.Count;
            fit = ServingRunFitter.Fit(serving, name);
        }
        else
        {
            var list = MeasuredRunsCsv.Read(path);
            if (list.All(r => r.HoldOut))
            {
                throw new InputException(path, "split", "every row is held out", "mark some rows split=fit");
            }

            count = list.Count;
            fit = EngineFitter.Fit(list, name);
        }

        var text = Report(fit, count);
        o.Write(text);
        var yaml = EngineOverheadsYaml.Write(fit.Engine, $"dessim calibrate --runs {Path.GetFileName(path)}\n" + text.TrimEnd());
        staged.Write(s => s.Write(System.Text.Encoding.UTF8.GetBytes(yaml)));
        outputs.Commit();
        o.WriteLine($"wrote {outPath}");
    }

    // A .json file, or every .json file of a directory (name order).
    private static IReadOnlyList<ServingRun> ReadServingRuns(string path)
    {
        if (!Directory.Exists(path))
        {
            if (!File.Exists(path))
            {
                throw new InputException(path, null, "does not exist", "give a vllm bench serve --save-result JSON file or a directory of them");
            }

            return [VllmBenchJsonReader.Read(path)];
        }

        var files = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new InputException(path, null, "holds no .json files", "save runs with vllm bench serve --save-result --result-dir DIR");
        }

        return files.Select(VllmBenchJsonReader.Read).ToArray();
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
