using System.CommandLine;
using System.Globalization;
using DesSim.Core;

namespace DesSim.Benchmarks;

/// <summary>The <c>dessim-bench</c> entry point: <c>dessim-bench [NAME|all] [--quick] [--trace PATH]</c> runs named
/// benchmarks that print rates and ratios, never pass/fail (docs/performance.md).</summary>
/// <remarks>Exit 0 after the benchmarks ran; 2 with one stderr line for a bad flag, an unknown name or a missing file.
/// Any other failure is a bug and surfaces with its stack trace (exit 1): this is a developer tool.</remarks>
public static class Program
{
    private const int BadInput = 2; // the project's exit code for bad input (src/DesSim.Cli/ExitCodes.cs)

    /// <summary>Runs the benchmarks named on the command line.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs with the given writers (used by tests).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var name = new Argument<string>("name") { Description = $"Benchmark to run: {string.Join(", ", BenchmarkRegistry.Names)}, or all", DefaultValueFactory = _ => "all" };
        var quick = new Option<bool>("--quick") { Description = "Smaller sizes for a fast smoke run" };
        var trace = new Option<string?>("--trace") { Description = "Trace file for azure-conv-hour (the full Azure conversation trace, e.g. AzureLLMInferenceTrace_conv.csv)" };
        var root = new RootCommand("DesSim performance benchmarks (prints rates and ratios, never pass/fail)") { name, quick, trace };
        root.SetAction(parse => BenchmarkRegistry.Run(parse.GetValue(name)!, new BenchOptions(parse.GetValue(quick), parse.GetValue(trace)), parse.InvocationConfiguration.Output));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            stderr.WriteLine($"error: {string.Join(" ", parse.Errors.Select(e => e.Message))} (see 'dessim-bench --help')");
            return BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (InputException e)
        {
            stderr.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return BadInput;
        }
    }
}
