using System.CommandLine;
using DesSim.Cli.Bench;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim bench [NAME]</c>: named benchmarks that print rates and ratios.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = $"Benchmark to run: {string.Join(", ", BenchmarkRegistry.Names)}, or all", DefaultValueFactory = _ => "all" };
        var quick = new Option<bool>("--quick") { Description = "Smaller sizes for a fast smoke run" };
        var trace = new Option<string?>("--trace") { Description = "Trace file for azure-conv-hour (the full Azure conversation trace, e.g. AzureLLMInferenceTrace_conv.csv)" };
        var cmd = new Command("bench", "Run named performance benchmarks (prints rates and ratios, never pass/fail)") { name, quick, trace };
        cmd.SetAction(parse => BenchmarkRegistry.Run(parse.GetValue(name)!, new BenchOptions(parse.GetValue(quick), parse.GetValue(trace)), parse.InvocationConfiguration.Output));
        return cmd;
    }
}
