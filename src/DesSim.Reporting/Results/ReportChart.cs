using DesSim.Reporting.Charts;

namespace DesSim.Reporting.Results;

/// <summary>One chart of a run report: the chart, its heading and caption, and the file name it gets on its own.</summary>
/// <param name="Name">File name without extension when written on its own (<c>ttft_cdf</c> → ttft_cdf.svg, ttft_cdf.png).</param>
/// <param name="Heading">Section heading in the report.</param>
/// <param name="Chart">The chart.</param>
/// <param name="Caption">One-line explanation, or null.</param>
public sealed record ReportChart(string Name, string Heading, Chart Chart, string? Caption);
