using System.CommandLine;
using DesSim.Core;
using DesSim.Core.Scenarios;
using DesSim.Reporting.Output;
using DesSim.Reporting.Results;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim run SCENARIO [--out DIR] [--set path=value ...] [--report] [--timeline START_S:DURATION_S]</c>: simulate one scenario and write its results.</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file (see docs/scenarios.md)" };
        var output = new Option<string?>("--out") { Description = "Output directory (default: results/<scenario name>)" };
        var sets = new Option<string[]>("--set") { Description = "Override a scenario key, e.g. --set parallelism.tp=8 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var report = new Option<bool>("--report") { Description = "Also write a self-contained report.html" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the output directory" };
        var timeline = new Option<string?>("--timeline") { Description = "Timeline window START_S:DURATION_S for the pipeline chart and trace.json (sets outputs.timeline)" };
        var format = new Option<string>("--format") { Description = "dessim (default) | vllm-bench: also write bench_result.json with the keys of 'vllm bench serve --save-result'", DefaultValueFactory = _ => "dessim" };
        var cmd = new Command("run", "Simulate a scenario and write summary.json, requests.csv, gpus.csv, links.csv, timeseries.csv, itl_quantiles.csv, trace.json") { scenario, output, sets, report, quiet, timeline, format };
        cmd.SetAction(parse =>
        {
            var console = new RunConsole(parse.InvocationConfiguration.Output, parse.GetValue(quiet));
            bool vllmBench = parse.GetValue(format) switch
            {
                "dessim" => false,
                "vllm-bench" => true,
                var f => throw new InputException("--format", null, $"unknown format '{f}'", "one of: dessim, vllm-bench"),
            };
            var window = parse.GetValue(timeline) is { } t ? TimelineOption.ToOverrides(t) : [];
            var loaded = ScenarioLoader.Load(parse.GetValue(scenario)!, [.. parse.GetValue(sets) ?? [], .. window]);
            var dir = parse.GetValue(output) ?? Path.Combine("results", loaded.Name);

            // Why before the run: a bad --out (empty, an input, a foreign directory) fails in milliseconds, not after the simulation.
            using var outputs = new OutputTransaction();
            foreach (var (path, what) in RunOutputs.Inputs(loaded))
            {
                outputs.Input(path, what);
            }

            var staged = outputs.Directory(dir, "--out", RunOutputs.Replaceable);
            staged.CheckPublishable();
            var run = ScenarioRunner.RequireRequests(console.WithProgress(progress => ScenarioRunner.Run(loaded, progress)));
            var files = RunOutputs.Write(run, staged, parse.GetValue(report), vllmBench);
            outputs.Commit();
            console.PrintSummary(run, dir, files);
            return ExitCodes.Success;
        });
        return cmd;
    }
}
