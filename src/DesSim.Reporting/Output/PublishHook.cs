using System.Globalization;

namespace DesSim.Reporting.Output;

/// <summary>Test hook: <c>DESSIM_PUBLISH_PAUSE_MS</c> (milliseconds, 0–60,000) pauses before and between the rename steps of
/// a publish, so a test can kill the process inside the final step (the kill test in the CLI tests).</summary>
internal static class PublishHook
{
    /// <summary>Name of the environment variable.</summary>
    public const string Variable = "DESSIM_PUBLISH_PAUSE_MS";

    /// <summary>Longest pause honoured.</summary>
    public const int MaxPauseMs = 60_000;

    private static readonly int PauseMs = Read();

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
