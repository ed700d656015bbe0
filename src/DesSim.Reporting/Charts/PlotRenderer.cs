using System.Text;

namespace DesSim.Reporting.Charts;

/// <summary>Lays out and draws one <see cref="Plot"/>: margins, axes, grid, series, legend.</summary>
internal sealed class PlotRenderer
{
    private readonly Plot _plot;
    private readonly IReadOnlyList<Series> _series;
    private readonly SvgCanvas _canvas = new();

    public PlotRenderer(Plot plot, IReadOnlyList<Series> series)
    {
        _plot = plot;
        _series = series;
    }

    public string Render()
    {
        AssignColors();
        var bounds = new DataBounds();
        foreach (var s in _series)
        {
            s.IncludeIn(bounds);
        }

        var legend = new List<LegendEntry>();
        if (_plot.ShowLegend)
        {
            foreach (var s in _series)
            {
                s.AddLegendEntries(legend);
            }
        }

        var legendWidth = legend.Count == 0 ? 0 : ChartStyle.LegendSwatchPx + 8 + (legend.Max(e => e.Label.Length) * ChartStyle.CharWidthPx);
        var top = _plot.Title.Length > 0 ? ChartStyle.TitleBandPx : ChartStyle.TopPaddingPx;
        var bottom = ChartStyle.XTickBandPx + (_plot.XAxis.Title.Length > 0 ? ChartStyle.XTitleBandPx : 0) + 6;
        var right = legend.Count == 0 ? ChartStyle.RightPaddingPx : legendWidth + (2 * ChartStyle.LegendGapPx);
        var heightPx = Math.Max(20, _plot.HeightPx - top - bottom);
        var y = BuildAxis(_plot.YAxis, YCategories(), bounds.YMin, bounds.YMax, bounds.YMinPositive, heightPx, isVertical: true);
        var yLabelChars = y.Ticks.Count == 0 ? 1 : y.Ticks.Max(t => t.Label.Length);
        var left = Math.Max(ChartStyle.MinLeftMarginPx, (yLabelChars * ChartStyle.CharWidthPx) + ChartStyle.TickLengthPx + 8
            + (_plot.YAxis.Title.Length > 0 ? ChartStyle.YTitleBandPx : 0));
        var widthPx = Math.Max(20, _plot.WidthPx - left - right);
        var x = BuildAxis(_plot.XAxis, XCategories(), bounds.XMin, bounds.XMax, bounds.XMinPositive, widthPx, isVertical: false);
        var frame = new PlotFrame(x, y, widthPx, heightPx);

        OpenDocument();
        DrawTitle();
        DrawGrid(frame, left, top);
        DrawSeries(frame, left, top);
        DrawAxes(frame, left, top);
        DrawLegend(legend, left + widthPx + ChartStyle.LegendGapPx, top);
        _canvas.Raw("</svg>\n");
        return _canvas.ToString();
    }

    private void AssignColors()
    {
        var slot = 0;
        foreach (var s in _series)
        {
            if (s.Color is not null)
            {
                s.ResolvedColor = s.Color;
            }
            else if (s.UsesPaletteSlot)
            {
                s.ResolvedColor = Palette.Get(slot++);
            }
        }
    }

    private IReadOnlyList<string>? XCategories() => _series.Select(s => s.XCategories).FirstOrDefault(c => c is not null);

    private IReadOnlyList<string>? YCategories() => _series.Select(s => s.YCategories).FirstOrDefault(c => c is not null);

    private static AxisLayout BuildAxis(Axis axis, IReadOnlyList<string>? categories, double min, double max, double minPositive, double lengthPx, bool isVertical)
    {
        if (categories is not null)
        {
            return AxisLayout.Categorical(categories, lengthPx);
        }

        var spacing = isVertical ? ChartStyle.YTickSpacingPx : ChartStyle.XTickSpacingPx;
        return AxisLayout.Values(axis, axis.Scale == AxisScale.Log ? minPositive : min, max, lengthPx, isVertical, spacing);
    }

    private void OpenDocument()
    {
        var w = SvgCanvas.N(_plot.WidthPx);
        var h = SvgCanvas.N(_plot.HeightPx);
        var head = new StringBuilder()
            .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(w).Append("\" height=\"").Append(h)
            .Append("\" viewBox=\"0 0 ").Append(w).Append(' ').Append(h)
            .Append("\" font-family=\"").Append(ChartStyle.FontFamily).Append("\" role=\"img\">\n");
        _canvas.Raw(head.ToString());
        if (_plot.Title.Length > 0)
        {
            _canvas.Raw("<title>" + SvgCanvas.Escape(_plot.Title) + "</title>\n");
        }

        _canvas.Rect(0, 0, _plot.WidthPx, _plot.HeightPx, ChartStyle.BackgroundColor);
    }

    private void DrawTitle()
    {
        if (_plot.Title.Length > 0)
        {
            _canvas.Text(_plot.WidthPx / 2, 22, _plot.Title, ChartStyle.TitleFontPx, "middle", $"font-weight=\"bold\" fill=\"{ChartStyle.AxisColor}\"");
        }
    }

    private void DrawGrid(PlotFrame frame, double left, double top)
    {
        _canvas.Raw($"<g transform=\"translate({SvgCanvas.N(left)},{SvgCanvas.N(top)})\" class=\"grid\">\n");
        if (frame.X.Categories is null)
        {
            foreach (var tick in frame.X.Ticks)
            {
                var px = frame.X.Map(tick.Value);
                _canvas.Line(px, 0, px, frame.HeightPx, tick.IsMajor ? ChartStyle.GridColor : ChartStyle.MinorGridColor, 1);
            }
        }

        if (frame.Y.Categories is null)
        {
            foreach (var tick in frame.Y.Ticks)
            {
                var py = frame.Y.Map(tick.Value);
                _canvas.Line(0, py, frame.WidthPx, py, tick.IsMajor ? ChartStyle.GridColor : ChartStyle.MinorGridColor, 1);
            }
        }

        _canvas.Raw("</g>\n");
    }

    private void DrawSeries(PlotFrame frame, double left, double top)
    {
        // Why: a nested <svg> viewport clips the data to the plot area without ids (ids would collide when several
        // charts are inlined in one HTML page).
        _canvas.Raw($"<svg x=\"{SvgCanvas.N(left)}\" y=\"{SvgCanvas.N(top)}\" width=\"{SvgCanvas.N(frame.WidthPx)}\" height=\"{SvgCanvas.N(frame.HeightPx)}\" overflow=\"hidden\" class=\"plot-area\">\n");
        foreach (var s in _series.Select((s, i) => (s, i)).OrderBy(p => p.s.Layer).ThenBy(p => p.i).Select(p => p.s))
        {
            s.Render(_canvas, frame);
        }

        _canvas.Raw("</svg>\n");
    }

    private void DrawAxes(PlotFrame frame, double left, double top)
    {
        var axisAttr = $"fill=\"{ChartStyle.AxisColor}\"";
        _canvas.Raw($"<g transform=\"translate({SvgCanvas.N(left)},{SvgCanvas.N(top)})\" class=\"axes\">\n");
        _canvas.Line(0, frame.HeightPx, frame.WidthPx, frame.HeightPx, ChartStyle.AxisColor, 1);
        _canvas.Line(0, 0, 0, frame.HeightPx, ChartStyle.AxisColor, 1);
        foreach (var tick in frame.X.Ticks)
        {
            var px = frame.X.Map(tick.Value);
            var length = tick.IsMajor ? ChartStyle.TickLengthPx : ChartStyle.TickLengthPx / 2;
            _canvas.Line(px, frame.HeightPx, px, frame.HeightPx + length, ChartStyle.AxisColor, 1);
            if (tick.Label.Length > 0)
            {
                _canvas.Text(px, frame.HeightPx + ChartStyle.TickLengthPx + 12, tick.Label, ChartStyle.TickFontPx, "middle", axisAttr);
            }
        }

        foreach (var tick in frame.Y.Ticks)
        {
            var py = frame.Y.Map(tick.Value);
            var length = tick.IsMajor ? ChartStyle.TickLengthPx : ChartStyle.TickLengthPx / 2;
            _canvas.Line(-length, py, 0, py, ChartStyle.AxisColor, 1);
            if (tick.Label.Length > 0)
            {
                _canvas.Text(-ChartStyle.TickLengthPx - 3, py + 4, tick.Label, ChartStyle.TickFontPx, "end", axisAttr);
            }
        }

        if (_plot.XAxis.Title.Length > 0)
        {
            var ty = frame.HeightPx + ChartStyle.XTickBandPx + 16;
            _canvas.Text(frame.WidthPx / 2, ty, _plot.XAxis.Title, ChartStyle.AxisTitleFontPx, "middle", axisAttr);
        }

        if (_plot.YAxis.Title.Length > 0)
        {
            var tx = -(left - 16);
            _canvas.Text(0, 0, _plot.YAxis.Title, ChartStyle.AxisTitleFontPx, "middle",
                $"{axisAttr} transform=\"translate({SvgCanvas.N(tx)},{SvgCanvas.N(frame.HeightPx / 2)}) rotate(-90)\"");
        }

        _canvas.Raw("</g>\n");
    }

    private void DrawLegend(List<LegendEntry> legend, double x, double top)
    {
        if (legend.Count == 0)
        {
            return;
        }

        _canvas.Raw($"<g transform=\"translate({SvgCanvas.N(x)},{SvgCanvas.N(top)})\" class=\"legend\">\n");
        var shown = legend.Count > ChartStyle.MaxLegendRows ? ChartStyle.MaxLegendRows - 1 : legend.Count;
        for (var i = 0; i < shown; i++)
        {
            DrawLegendRow(legend[i], i);
        }

        if (shown < legend.Count)
        {
            _canvas.Text(0, (shown * ChartStyle.LegendRowPx) + 12, $"+{legend.Count - shown} more", ChartStyle.TickFontPx, "start", $"fill=\"{ChartStyle.AxisColor}\"");
        }

        _canvas.Raw("</g>\n");
    }

    private void DrawLegendRow(LegendEntry entry, int row)
    {
        var cy = (row * ChartStyle.LegendRowPx) + 8;
        var sw = ChartStyle.LegendSwatchPx;
        switch (entry.Swatch)
        {
            case LegendSwatch.Line:
                _canvas.Line(0, cy, sw, cy, entry.Color, 2.5);
                break;
            case LegendSwatch.DashedLine:
                _canvas.Line(0, cy, sw, cy, entry.Color, 2, "stroke-dasharray=\"4 3\"");
                break;
            case LegendSwatch.Marker:
                _canvas.Circle(sw / 2, cy, 4.5, entry.Color);
                break;
            default:
                var opacity = entry.Opacity < 1 ? $" fill-opacity=\"{SvgCanvas.N(entry.Opacity)}\"" : string.Empty;
                _canvas.Rect(0, cy - 5.5, sw, 11, entry.Color, "stroke=\"#999999\" stroke-width=\"0.5\"" + opacity);
                break;
        }

        _canvas.Text(sw + 6, cy + 4, entry.Label, ChartStyle.TickFontPx, "start", $"fill=\"{ChartStyle.AxisColor}\"");
    }
}
