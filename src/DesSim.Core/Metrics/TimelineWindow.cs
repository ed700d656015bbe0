namespace DesSim.Core.Metrics;

/// <summary>Which stage spans to keep for timelines: those starting inside [start, start + duration), at most <see cref="MaxSpans"/>.</summary>
/// <remarks>Why a window: a long run has millions of spans; design reviews look at a few seconds of the pipeline.</remarks>
public sealed record TimelineWindow(double StartSeconds = 0, double DurationSeconds = TimelineWindow.DefaultDurationSeconds, int MaxSpans = TimelineWindow.DefaultMaxSpans)
{
    /// <summary>Default window length: enough for dozens of iterations of a 70B model.</summary>
    public const double DefaultDurationSeconds = 5;

    /// <summary>Default cap on kept spans (keeps trace.json to a few MB).</summary>
    public const int DefaultMaxSpans = 100_000;
}
