namespace DesSim.Cli;

/// <summary>The process exit codes of <c>dessim</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>An internal error (a bug): message on stderr, stack trace with --verbose.</summary>
    public const int InternalError = 1;

    /// <summary>Bad input: one line on stderr naming the file, line or key and the reason; nothing written.</summary>
    public const int BadInput = 2;
}
