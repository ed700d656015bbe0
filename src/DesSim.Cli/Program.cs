using System.CommandLine;
using System.Globalization;
using DesSim.Cli.Commands;

namespace DesSim.Cli;

/// <summary>The <c>dessim</c> entry point: builds the command tree and maps parse errors to exit code 2.</summary>
public static class Program
{
    /// <summary>Runs the CLI.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the CLI with the given writers (used by tests).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var root = BuildRoot();
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            // Why one line: every bad-input message is one line on stderr (scripts grep it).
            stderr.WriteLine($"error: {string.Join(" ", parse.Errors.Select(e => e.Message))} (see 'dessim --help')");
            return ExitCodes.BadInput;
        }

        return CommandGuard.Run(() => parse.Invoke(config), parse.GetValue(GlobalOptions.Verbose), stderr);
    }

    /// <summary>The command tree.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("DesSim: a discrete-event cluster simulator for LLM inference (TP/PP/DP/EP/CP layouts, serving schedulers, SLO metrics).");
        root.Options.Add(GlobalOptions.Verbose);
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(TraceCommand.Create());
        root.Subcommands.Add(GpusCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(MemoryCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(CapacityCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(CalibrateCommand.Create());
        return root;
    }
}
