namespace DesSim.Reporting.Compare;

/// <summary>One row of the headline comparison: a metric's name, unit, direction and how to read it from a run.</summary>
/// <param name="Name">Display name, e.g. "TTFT p99".</param>
/// <param name="Unit">Unit text, e.g. "ms"; empty for counts.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Value">The metric of a run (NaN when the run has none, e.g. no power figures for its GPU).</param>
public sealed record CompareMetric(string Name, string Unit, MetricDirection Direction, Func<CompareRun, double> Value)
{
    /// <summary>Indices of the best values among <paramref name="values"/> (ties all marked); none when the metric has
    /// no direction, fewer than two values are finite, or every finite value is equal (nothing to choose).</summary>
    public IReadOnlyList<int> Best(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = Enumerable.Range(0, values.Count).Where(i => double.IsFinite(values[i])).ToArray();
        if (Direction == MetricDirection.None || finite.Length < 2)
        {
            return [];
        }

        var best = Direction == MetricDirection.LowerIsBetter ? finite.Min(i => values[i]) : finite.Max(i => values[i]);
        return finite.All(i => values[i] == best) ? [] : finite.Where(i => values[i] == best).ToArray();
    }
}
