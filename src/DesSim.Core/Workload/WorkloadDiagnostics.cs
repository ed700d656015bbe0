using System.Globalization;
using System.Text;

namespace DesSim.Core.Workload;

/// <summary>What happened while a workload was read: rows read, skipped by reason, clamped, filtered, and warnings.</summary>
/// <remarks>
/// Filled as the source is consumed, so the counts are final only once the source is exhausted.
/// Reasons are ordered by name (ordinal) so printed summaries are deterministic.
/// </remarks>
public sealed class WorkloadDiagnostics
{
    private readonly SortedDictionary<string, long> _skipped = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];

    /// <summary>Data rows read from the file (not counting the header), valid or not.</summary>
    public long RowsRead { get; internal set; }

    /// <summary>Requests handed to the simulation.</summary>
    public long RequestsOffered { get; internal set; }

    /// <summary>Malformed rows skipped under <c>skip_invalid</c>, by reason (e.g. <c>column 'ContextTokens': not a non-negative integer</c>).</summary>
    public IReadOnlyDictionary<string, long> SkippedByReason => _skipped;

    /// <summary>Total malformed rows skipped.</summary>
    public long SkippedInvalid => _skipped.Values.Sum();

    /// <summary>BurstGPT rows with 0 response tokens (failed requests), skipped.</summary>
    public long FailedRequestsSkipped { get; internal set; }

    /// <summary>Rows left out by a BurstGPT <c>model</c> / <c>log_type</c> filter.</summary>
    public long FilteredOut { get; internal set; }

    /// <summary>Rows before the replay window's start.</summary>
    public long OutsideWindow { get; internal set; }

    /// <summary>Rows left out by <c>sample_fraction</c>.</summary>
    public long SampledOut { get; internal set; }

    /// <summary>Requests cut to <c>max_model_len</c>.</summary>
    public long Truncated { get; internal set; }

    /// <summary>Requests dropped for exceeding <c>max_model_len</c>.</summary>
    public long DroppedTooLong { get; internal set; }

    /// <summary>Requests whose 0 input or 0 output tokens were raised to 1 (every request has at least one of each).</summary>
    public long RaisedToOneToken { get; internal set; }

    /// <summary>Rows that arrived in the file before an earlier-stamped row and were re-sorted.</summary>
    public long ReorderedRows { get; internal set; }

    /// <summary>Warnings (e.g. timestamps re-sorted), in the order raised.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>One line per non-zero count and per warning, for the CLI.</summary>
    public string Summary()
    {
        var sb = new StringBuilder();
        void Line(string text) => sb.Append(text).Append('\n');
        Line(RowsRead > 0
            ? string.Create(CultureInfo.InvariantCulture, $"rows read: {RowsRead}, requests: {RequestsOffered}")
            : string.Create(CultureInfo.InvariantCulture, $"requests: {RequestsOffered}"));
        foreach (var (reason, count) in _skipped)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"skipped {count} invalid row(s): {reason}"));
        }

        void Count(long n, string what)
        {
            if (n > 0)
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"{what}: {n}"));
            }
        }

        Count(FailedRequestsSkipped, "failed requests skipped (0 response tokens)");
        Count(FilteredOut, "rows filtered out (model / log type)");
        Count(OutsideWindow, "rows before the window start");
        Count(SampledOut, "rows sampled out");
        Count(Truncated, "requests truncated to max_model_len");
        Count(DroppedTooLong, "requests dropped (longer than max_model_len)");
        Count(RaisedToOneToken, "requests with 0 tokens raised to 1");
        Count(ReorderedRows, "rows re-sorted (timestamps out of order)");
        foreach (var w in _warnings)
        {
            Line("warning: " + w);
        }

        return sb.ToString();
    }

    internal void Skip(string reason) =>
        _skipped[reason] = _skipped.TryGetValue(reason, out var n) ? n + 1 : 1;

    internal void Warn(string warning) => _warnings.Add(warning);
}
