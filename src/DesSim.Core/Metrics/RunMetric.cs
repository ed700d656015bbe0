namespace DesSim.Core.Metrics;

/// <summary>A typed key for one headline number of a run, shared by <c>summary.json</c>, the sweep, capacity and plan
/// tables and <c>dessim compare</c>: its column name, where <c>summary.json</c> holds it, and how to read it from a
/// <see cref="RunSummary"/>. The catalog is <see cref="RunMetrics"/>.</summary>
/// <remarks>Names carry units (<c>_ms</c>, <c>_per_s</c>, <c>_w</c>). <paramref name="PerGpu"/> divides the value by the
/// layout's GPU count (studies only: a summary has no layout). <paramref name="WithCi"/> gives it a 95% confidence
/// half-width column in studies with replications.</remarks>
/// <param name="Name">Column name in sweep.csv, plan.csv, capacity.csv and evaluation.json.</param>
/// <param name="SummaryKey">Key path in summary.json (e.g. <c>ttft_ms.p99</c>); for <paramref name="PerGpu"/> metrics, the key divided.</param>
/// <param name="Read">The value in a run summary (NaN when the run has none, e.g. no power figures).</param>
/// <param name="WithCi">Studies add a <c>_ci95</c> column.</param>
/// <param name="PerGpu">Studies divide by the layout's GPUs.</param>
public sealed record RunMetric(string Name, string SummaryKey, Func<RunSummary, double> Read, bool WithCi = false, bool PerGpu = false);
