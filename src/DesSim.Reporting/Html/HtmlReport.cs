using System.Globalization;
using System.Net;
using System.Text;
using DesSim.Reporting.Charts;
using DesSim.Reporting.Output;

namespace DesSim.Reporting.Html;

/// <summary>Builds one self-contained HTML report: scenario echo, headline metrics vs SLO, inline SVG charts and
/// tables, in the order sections are added.</summary>
/// <remarks>Offline by construction: inline CSS, inline SVG, no scripts, no external URLs (the only "http" in the
/// page is the SVG namespace). Every text is HTML-escaped; SVG passed to <see cref="AddChart"/> is trusted markup
/// (from <c>Chart.RenderSvg</c>: ScottPlot drawn on a Skia SVG canvas). Output is deterministic for the same inputs.</remarks>
public sealed class HtmlReport
{
    private static readonly HashSet<int> NoMarks = [];

    private readonly List<string> _sections = [];

    /// <summary>Creates an empty report.</summary>
    /// <param name="title">Page title and top heading.</param>
    public HtmlReport(string title)
    {
        Title = title ?? throw new ArgumentNullException(nameof(title));
    }

    /// <summary>Page title and top heading.</summary>
    public string Title { get; }

    /// <summary>Optional line under the title (e.g. "scenario quickstart.yaml, seed 42").</summary>
    public string Subtitle { get; set; } = string.Empty;

    /// <summary>Adds the scenario section: key-value pairs and, optionally, the scenario file text verbatim.</summary>
    public HtmlReport AddScenario(IEnumerable<KeyValuePair<string, string>> items, string? scenarioText = null, string heading = "Scenario")
    {
        ArgumentNullException.ThrowIfNull(items);
        var sb = new StringBuilder();
        sb.Append("<section class=\"scenario\">\n<h2>").Append(E(heading)).Append("</h2>\n<table class=\"kv\">\n");
        foreach (var (key, value) in items)
        {
            sb.Append("<tr><th>").Append(E(key)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");
        }

        sb.Append("</table>\n");
        if (!string.IsNullOrEmpty(scenarioText))
        {
            sb.Append("<details open=\"open\"><summary>Scenario file</summary>\n<pre>").Append(E(scenarioText)).Append("</pre>\n</details>\n");
        }

        _sections.Add(sb.Append("</section>\n").ToString());
        return this;
    }

    /// <summary>Adds the headline metrics table; rows with an SLO are coloured pass (green) or fail (red).</summary>
    public HtmlReport AddHeadlineMetrics(IEnumerable<HeadlineMetric> metrics, string heading = "Headline metrics")
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var sb = new StringBuilder();
        sb.Append("<section class=\"headline\">\n<h2>").Append(E(heading)).Append("</h2>\n<table>\n")
            .Append("<thead><tr><th>metric</th><th class=\"num\">value</th><th class=\"num\">SLO</th><th>status</th></tr></thead>\n<tbody>\n");
        foreach (var m in metrics)
        {
            var unit = m.Unit.Length == 0 ? string.Empty : " " + m.Unit;
            var (css, status) = m.MeetsSlo switch
            {
                true => (" class=\"pass\"", "pass"),
                false => (" class=\"fail\"", "FAIL"),
                null => (string.Empty, "—"),
            };
            var slo = m.SloLimit is { } limit ? (m.LowerIsBetter ? "≤ " : "≥ ") + Num(limit) + unit : "—";
            sb.Append("<tr").Append(css).Append("><td>").Append(E(m.Name)).Append("</td><td class=\"num\">")
                .Append(E(Num(m.Value) + unit)).Append("</td><td class=\"num\">").Append(E(slo)).Append("</td><td>")
                .Append(status).Append("</td></tr>\n");
        }

        _sections.Add(sb.Append("</tbody>\n</table>\n</section>\n").ToString());
        return this;
    }

    /// <summary>Adds a chart: a heading, the inline SVG and an optional caption.</summary>
    public HtmlReport AddChart(string heading, string svg, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var body = svg.AsSpan().TrimStart();
        if (body.StartsWith("<?xml", StringComparison.Ordinal))
        {
            body = body[(body.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart();
        }

        body = body.TrimEnd();
        // Why: ids must be unique in a page; each chart's clip ids get the section number as a prefix.
        var prefix = string.Create(CultureInfo.InvariantCulture, $"s{_sections.Count}");
        // Why edits, not Replace and a StringBuilder: the section is built in one allocation (a chart is tens of
        // thousands of characters; see TextEdits).
        var edits = new TextEdits();
        edits.Insert(0, $"<section class=\"chart\">\n<h2>{E(heading)}</h2>\n<figure>\n");
        edits.ReplaceAll(body, "id=\"clip", $"id=\"{prefix}clip");
        edits.ReplaceAll(body, "url(#clip", $"url(#{prefix}clip");
        var end = new StringBuilder("\n");
        if (!string.IsNullOrEmpty(caption))
        {
            end.Append("<figcaption>").Append(E(caption)).Append("</figcaption>\n");
        }

        edits.Insert(body.Length, end.Append("</figure>\n</section>\n").ToString());
        _sections.Add(edits.Apply(body));
        return this;
    }

    /// <summary>Adds a table; each row must have one cell per header. Cells that parse as numbers are right-aligned.</summary>
    public HtmlReport AddTable(string heading, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return AddMarkedTable(heading, headers, rows.Select(r => (r, (IReadOnlySet<int>)NoMarks)), caption);
    }

    /// <summary>Adds a table whose marked cells (by column index, per row) are highlighted as the best of their row
    /// (class <c>best</c>: bold on green with a ★, so the mark does not rely on colour alone).</summary>
    public HtmlReport AddMarkedTable(string heading, IReadOnlyList<string> headers, IEnumerable<(IReadOnlyList<string> Cells, IReadOnlySet<int> Marked)> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.Append("<section class=\"table\">\n<h2>").Append(E(heading)).Append("</h2>\n<table>\n<thead><tr>");
        foreach (var h in headers)
        {
            sb.Append("<th>").Append(E(h)).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var (row, marked) in rows)
        {
            if (row.Count != headers.Count)
            {
                throw new ArgumentException($"a row has {row.Count} cells but there are {headers.Count} headers", nameof(rows));
            }

            sb.Append("<tr>");
            for (var c = 0; c < row.Count; c++)
            {
                var cell = row[c];
                var numeric = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                var css = (numeric, marked.Contains(c)) switch
                {
                    (true, true) => "<td class=\"num best\" title=\"best of the row\">",
                    (false, true) => "<td class=\"best\" title=\"best of the row\">",
                    (true, false) => "<td class=\"num\">",
                    _ => "<td>",
                };
                sb.Append(css).Append(E(cell)).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
        if (!string.IsNullOrEmpty(caption))
        {
            sb.Append("<p class=\"caption\">").Append(E(caption)).Append("</p>\n");
        }

        _sections.Add(sb.Append("</section>\n").ToString());
        return this;
    }

    /// <summary>Adds a paragraph of plain text under an optional heading.</summary>
    public HtmlReport AddText(string? heading, string text)
    {
        var sb = new StringBuilder("<section class=\"text\">\n");
        if (!string.IsNullOrEmpty(heading))
        {
            sb.Append("<h2>").Append(E(heading)).Append("</h2>\n");
        }

        _sections.Add(sb.Append("<p>").Append(E(text)).Append("</p>\n</section>\n").ToString());
        return this;
    }

    /// <summary>The complete HTML document.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            // Why: an empty data: icon stops browsers from requesting /favicon.ico (a console error offline).
            .Append("<link rel=\"icon\" href=\"data:,\">\n")
            .Append("<title>").Append(E(Title)).Append("</title>\n<style>\n").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n")
            .Append("<header>\n<h1>").Append(E(Title)).Append("</h1>\n");
        if (Subtitle.Length > 0)
        {
            sb.Append("<p class=\"subtitle\">").Append(E(Subtitle)).Append("</p>\n");
        }

        sb.Append("</header>\n<main>\n");
        foreach (var section in _sections)
        {
            sb.Append(section);
        }

        return sb.Append("</main>\n<footer>Generated by DesSim.</footer>\n</body>\n</html>\n").ToString();
    }

    /// <summary>Writes the report to <paramref name="path"/> atomically.</summary>
    public void WriteTo(string path) => AtomicFile.WriteAllText(path, Render());

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Four significant digits without trailing zeros: 312.4, 1875, 7.2.</summary>
    private static string Num(double value)
    {
        var text = Charts.NumberFormat.Significant(value, 4);
        return text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }
}
