using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Studies;

/// <summary>One point of an expanded sweep: its index, layout, axis values and the validated scenario it runs.</summary>
/// <remarks><see cref="Index"/> is the 0-based position in grid order, stable across runs and shards;
/// <see cref="AxisLabels"/> align with <see cref="SweepGrid.Axes"/>.</remarks>
public sealed record SweepPoint(int Index, ParallelPlan Layout, IReadOnlyList<string> AxisLabels, Scenario Scenario)
{
    /// <summary>Short description such as <c>TP4xPP2 workload.arrival.rate=8</c>.</summary>
    public string Describe(IReadOnlyList<SweepAxis> axes) =>
        string.Join(' ', new[] { Layout.ToString() }.Concat(axes.Select((a, i) => $"{a.KeyPath}={AxisLabels[i]}")));
}
