using System.Globalization;
using DesSim.Core.Metrics;
using DesSim.Reporting.Html;

namespace DesSim.Reporting.Results;

/// <summary>The "Faults" table of a run report: retries, discarded tokens and the latency of retried vs other requests.</summary>
internal static class FaultReportSection
{
    public static void Add(HtmlReport report, FaultSummary? faults)
    {
        if (faults is null)
        {
            return;
        }

        report.AddTable("Faults", ["metric", "value"],
        [
            ["retries", I(faults.Retries)],
            ["retried requests", I(faults.RetriedRequests)],
            ["discarded output tokens", I(faults.DiscardedTokens)],
            ["E2EL mean / p99, retried (ms)", $"{F(faults.E2elRetriedMs.Mean)} / {F(faults.E2elRetriedMs.P99)}"],
            ["E2EL mean / p99, not retried (ms)", $"{F(faults.E2elNotRetriedMs.Mean)} / {F(faults.E2elNotRetriedMs.P99)}"],
            ["TTFT mean / p99, retried (ms)", $"{F(faults.TtftRetriedMs.Mean)} / {F(faults.TtftRetriedMs.P99)}"],
            ["E2EL hit of a retry, mean (ms)", F(faults.E2elHitMs)],
        ],
        "A retried request restarts from scratch on another replica; its latencies count from its original arrival.");
    }

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a";
}
