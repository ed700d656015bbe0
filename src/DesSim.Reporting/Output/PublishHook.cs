using System.Globalization;

namespace DesSim.Reporting.Output;

/// <summary>Test hook: <c>DESSIM_PUBLISH_PAUSE_MS</c> (milliseconds, 0–60,000) pauses before and between the rename steps of
/// a publish, so a test can kill the process inside the final step (the kill test in the CLI tests);
/// <c>DESSIM_PUBLISH_NO_EXCHANGE=1</c> forces the two-rename fallback that file systems without an atomic exchange use.</summary>
internal static class PublishHook
{
    /// <summary>Name of the environment variable.</summary>
    public const string Variable = "DESSIM_PUBLISH_PAUSE_MS";

    /// <summary>Longest pause honoured.</summary>
    public const int MaxPauseMs = 60_000;

    /// <summary>Name of the variable that forces the two-rename fallback.</summary>
    public const string NoExchangeVariable = "DESSIM_PUBLISH_NO_EXCHANGE";

    private static readonly int PauseMs = Read();

    /// <summary>True when the atomic exchange is disabled for testing the fallback.</summary>
    public static bool NoExchange { get; } = Environment.GetEnvironmentVariable(NoExchangeVariable) == "1";

    /// <summary>Sleeps for the configured pause (no-op when unset).</summary>
    public static void Pause()
    {
        if (PauseMs > 0)
        {
            Thread.Sleep(PauseMs);
        }
    }

    private static int Read() =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? Math.Min(ms, MaxPauseMs) : 0;
}
