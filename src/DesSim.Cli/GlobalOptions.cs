using System.CommandLine;

namespace DesSim.Cli;

/// <summary>Options every command accepts.</summary>
public static class GlobalOptions
{
    /// <summary><c>--verbose</c>: stack traces on internal errors and extra diagnostics.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print stack traces for internal errors and extra diagnostics",
        Recursive = true,
    };
}
