using DesSim.Core;

namespace DesSim.Cli;

/// <summary>Runs a command body and maps failures to exit codes and one-line messages.</summary>
public static class CommandGuard
{
    /// <summary>Runs <paramref name="body"/>: <see cref="InputException"/> → exit 2; anything else → exit 1.</summary>
    public static int Run(Func<int> body, bool verbose, TextWriter stderr)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            // Why: a message may quote user text (a CSV header with a quoted line break); the contract is one line.
            stderr.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled");
            return ExitCodes.InternalError;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            if (verbose)
            {
                stderr.WriteLine(e.ToString());
            }
            else
            {
                stderr.WriteLine("(run again with --verbose for the stack trace; please report it)");
            }

            return ExitCodes.InternalError;
        }
    }
}
