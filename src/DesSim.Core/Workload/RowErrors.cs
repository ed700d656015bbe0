using System.Globalization;
using DesSim.Engine;

namespace DesSim.Core.Workload;

/// <summary>Parses trace fields and reports a bad one: throw, or skip and count under <c>skip_invalid</c>.</summary>
internal sealed class RowErrors(string path, bool skipInvalid, WorkloadDiagnostics diagnostics)
{
    /// <summary>The file (for messages).</summary>
    public string Path { get; } = path;

    /// <summary>Reports a bad field; returns normally only when skipping (the caller then drops the row).</summary>
    public void Bad(long line, string column, string? value, string what)
    {
        if (!skipInvalid)
        {
            var shown = value is null ? "(missing)" : $"'{value}'";
            throw new InputException(Path, line.ToString(CultureInfo.InvariantCulture), $"column '{column}': {shown} {what}", "fix the row, or skip such rows with --skip-invalid / skip_invalid: true");
        }

        diagnostics.Skip($"column '{column}': {(value is null ? "missing value" : what)}");
    }

    /// <summary>A token count in 0 .. <see cref="TraceLimits.MaxTokens"/>; null (after reporting) otherwise.</summary>
    public int? Tokens(long line, string column, string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            Bad(line, column, text, "is not a non-negative integer");
            return null;
        }

        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            // Why: some exports write counts as floats ("128.0"); accept whole values only.
            if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d < 0 || d != Math.Floor(d) || d > long.MaxValue)
            {
                Bad(line, column, text, "is not a non-negative integer");
                return null;
            }

            v = (long)d;
        }

        if (v > TraceLimits.MaxTokens)
        {
            Bad(line, column, text, string.Create(CultureInfo.InvariantCulture, $"is more than {TraceLimits.MaxTokens:N0} tokens (absurd)"));
            return null;
        }

        return (int)v;
    }

    /// <summary>Seconds ≥ 0 scaled to ns by <paramref name="nsPerUnit"/>; null (after reporting) otherwise.</summary>
    public long? Time(long line, string column, string? text, double nsPerUnit)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t) || !double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0)
        {
            Bad(line, column, text, "is not a non-negative number");
            return null;
        }

        // Why the check before and after: the scaled value must fit before it is rounded (SimTime's rule), and a value
        // that rounds up to the limit is as much too large as one above it.
        double scaled = v * nsPerUnit;
        long ns = scaled < MaxTimeNs ? SimTime.FromNanosecondsRounded(scaled).Nanoseconds : long.MaxValue;
        if (ns >= MaxTimeNs)
        {
            Bad(line, column, text, "is too large to be a time");
            return null;
        }

        return ns;
    }

    /// <summary>A whole-number id; null (after reporting) otherwise.</summary>
    public long? Id(long line, string column, string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t) || !long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < 0)
        {
            Bad(line, column, text, "is not a non-negative integer id");
            return null;
        }

        return v;
    }

    // Why: 1e17 ns ≈ 3 years of trace; beyond that a value is a unit mistake, and it keeps arithmetic far from overflow.
    private const double MaxTimeNs = 1e17;
}
