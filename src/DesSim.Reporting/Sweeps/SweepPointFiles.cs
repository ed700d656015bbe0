using System.Globalization;
using DesSim.Core.Studies;
using DesSim.Reporting.Output;
using DesSim.Reporting.Results;

namespace DesSim.Reporting.Sweeps;

/// <summary>The files of one finished sweep point: <c>points/NNNNNN/summary.json</c> (and <c>summary-rK.json</c> per further
/// replication) and <c>row.csv</c>, its completion mark, published together by one rename.</summary>
public static class SweepPointFiles
{
    /// <summary>The results table of <paramref name="plan"/>: its axes' columns.</summary>
    public static SweepTable Table(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new SweepTable(plan.Grid.Axes.Select(a => a.KeyPath).ToArray());
    }

    /// <summary>Writes <paramref name="point"/>'s <paramref name="result"/> under <paramref name="directory"/> and returns its row.</summary>
    public static string Write(SweepPlan plan, SweepTable table, string directory, SweepPoint point, PointResult result)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(result);
        // Why one staged directory per point: its summaries and row.csv (the completion mark) appear together by one rename.
        using var pointDir = new AtomicDirectory(SweepDirectory.PointDirectory(directory, point.Index), [SweepDirectory.RowFileName, "summary.json"]);
        var extra = new Dictionary<string, string> { ["sweep_point"] = point.Describe(plan.Grid.Axes), ["sweep_fingerprint"] = plan.Fingerprint };
        for (int r = 0; r < result.Runs.Count; r++)
        {
            var name = r == 0 ? "summary.json" : $"summary-r{r}.json";
            var seed = point.Scenario.Seed + (ulong)r;
            extra["seed"] = seed.ToString(CultureInfo.InvariantCulture);
            using var stream = pointDir.OpenWrite(name);
            SummaryJsonWriter.Write(stream, point.Scenario.Name, point.Layout.ToString(), result.Runs[r], point.Scenario.Slo, [], extra);
        }

        var row = table.Row(point, result, plan.Grid.Replications);
        pointDir.WriteAllText(SweepDirectory.RowFileName, row);
        pointDir.Commit();
        return row;
    }
}
