using System.Globalization;
using DesSim.Core;

namespace DesSim.Cli.Commands;

/// <summary><c>--timeline START_S:DURATION_S</c> on <c>dessim run</c>: the window of simulated time kept for the
/// pipeline chart and trace.json, as shorthand for <c>--set outputs.timeline.start_s=… --set outputs.timeline.duration_s=…</c>.</summary>
/// <remarks>Seconds of simulated time; start ≥ 0, duration &gt; 0. The overrides go after the user's own --set, so the
/// flag wins; the scenario echo (scenario.yaml) records the window used.</remarks>
public static class TimelineOption
{
    /// <summary>The two <c>--set</c> overrides for <paramref name="value"/>.</summary>
    /// <exception cref="InputException">Not <c>START:DURATION</c> with start ≥ 0 and duration &gt; 0.</exception>
    public static string[] ToOverrides(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        const string hint = "expected START_S:DURATION_S in seconds of simulated time, e.g. --timeline 120:5";
        var parts = value.Split(':');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var start)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var duration))
        {
            throw new InputException("--timeline", null, $"'{value}' is not START_S:DURATION_S", hint);
        }

        if (!double.IsFinite(start) || start < 0 || !double.IsFinite(duration) || duration <= 0)
        {
            throw new InputException("--timeline", null, $"'{value}': start must be ≥ 0 and duration > 0", hint);
        }

        return
        [
            "outputs.timeline.start_s=" + start.ToString("R", CultureInfo.InvariantCulture),
            "outputs.timeline.duration_s=" + duration.ToString("R", CultureInfo.InvariantCulture),
        ];
    }
}
