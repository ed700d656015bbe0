namespace DesSim.Reporting.Results;

/// <summary>One chart of a run report: the SVG, its heading and caption, and the file name it gets on its own.</summary>
/// <param name="FileName">File name when written on its own, e.g. <c>ttft_cdf.svg</c>.</param>
/// <param name="Heading">Section heading in the report.</param>
/// <param name="Svg">The SVG markup.</param>
/// <param name="Caption">One-line explanation, or null.</param>
public sealed record ReportChart(string FileName, string Heading, string Svg, string? Caption);
