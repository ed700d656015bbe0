using System.Text;

namespace DesSim.Reporting.Charts;

/// <summary>Appends SVG elements to a string with invariant, fixed-precision numbers and escaped text.</summary>
/// <remarks>Element order is exactly call order, so output is deterministic.</remarks>
internal sealed class SvgCanvas
{
    private readonly StringBuilder _svg = new();

    public void Raw(string text) => _svg.Append(text);

    public void Line(double x1, double y1, double x2, double y2, string stroke, double widthPx, string? extra = null)
    {
        _svg.Append("<line x1=\"").Append(N(x1)).Append("\" y1=\"").Append(N(y1))
            .Append("\" x2=\"").Append(N(x2)).Append("\" y2=\"").Append(N(y2))
            .Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(widthPx)).Append('"');
        AppendExtra(extra);
        _svg.Append("/>\n");
    }

    public void Rect(double x, double y, double width, double height, string fill, string? extra = null)
    {
        _svg.Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y))
            .Append("\" width=\"").Append(N(Math.Max(0, width))).Append("\" height=\"").Append(N(Math.Max(0, height)))
            .Append("\" fill=\"").Append(fill).Append('"');
        AppendExtra(extra);
        _svg.Append("/>\n");
    }

    public void Circle(double cx, double cy, double radiusPx, string fill, string? extra = null)
    {
        _svg.Append("<circle cx=\"").Append(N(cx)).Append("\" cy=\"").Append(N(cy))
            .Append("\" r=\"").Append(N(radiusPx)).Append("\" fill=\"").Append(fill).Append('"');
        AppendExtra(extra);
        _svg.Append("/>\n");
    }

    /// <summary>A polyline path; NaN points break the line into separate runs.</summary>
    public void Path(IReadOnlyList<(double X, double Y)> points, string stroke, double widthPx, string? extra = null)
    {
        var d = new StringBuilder();
        var penDown = false;
        foreach (var (x, y) in points)
        {
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                penDown = false;
                continue;
            }

            d.Append(penDown ? " L" : (d.Length == 0 ? "M" : " M")).Append(N(x)).Append(' ').Append(N(y));
            penDown = true;
        }

        if (d.Length == 0)
        {
            return;
        }

        _svg.Append("<path d=\"").Append(d).Append("\" fill=\"none\" stroke=\"").Append(stroke)
            .Append("\" stroke-width=\"").Append(N(widthPx)).Append("\" stroke-linejoin=\"round\"");
        AppendExtra(extra);
        _svg.Append("/>\n");
    }

    public void Text(double x, double y, string text, double fontPx, string anchor = "start", string? extra = null)
    {
        _svg.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y))
            .Append("\" font-size=\"").Append(N(fontPx)).Append('"');
        if (anchor != "start")
        {
            _svg.Append(" text-anchor=\"").Append(anchor).Append('"');
        }

        AppendExtra(extra);
        _svg.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    public override string ToString() => _svg.ToString();

    public static string N(double value) => NumberFormat.Coord(value);

    /// <summary>Escapes text for XML content and attribute values.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '"' => sb.Append("&quot;"),
                '\'' => sb.Append("&#39;"),
                // Why: control characters other than tab/newline are not allowed in XML 1.0 at all.
                < ' ' when c is not ('\t' or '\n' or '\r') => sb.Append('?'),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    private void AppendExtra(string? extra)
    {
        if (!string.IsNullOrEmpty(extra))
        {
            _svg.Append(' ').Append(extra);
        }
    }
}
