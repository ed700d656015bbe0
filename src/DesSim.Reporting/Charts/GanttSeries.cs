namespace DesSim.Reporting.Charts;

/// <summary>A Gantt / timeline: one row per GPU or link, coloured spans where it is busy, a grey lane where it is
/// idle, so pipeline bubbles show as gaps.</summary>
/// <remarks>Times are in the x axis's unit. Rows are listed top to bottom. Spans are clipped to the window
/// [<see cref="WindowStart"/>, <see cref="WindowEnd"/>] when one is set (<see cref="Plot.AddGantt"/> also fixes
/// the x axis to it). Colours follow the order in which keys first appear; the legend lists at most
/// <see cref="MaxLegendKeys"/> keys.</remarks>
public sealed class GanttSeries : Series
{
    /// <summary>Legend entries beyond this many keys are summarised, so 64 micro-batches don't flood the legend.</summary>
    public const int MaxLegendKeys = 12;

    /// <summary>Narrowest span drawn, so a very short kernel still shows as a sliver.</summary>
    private const double MinSpanWidthPx = 0.6;

    private readonly List<string> _keys = [];

    private readonly Dictionary<string, int> _keyIndex = new(StringComparer.Ordinal);

    /// <summary>Creates the timeline.</summary>
    /// <param name="rows">Row names, top to bottom (e.g. "r0 gpu0").</param>
    /// <param name="spans">Busy spans; <see cref="GanttSpan.Row"/> indexes <paramref name="rows"/>.</param>
    public GanttSeries(IReadOnlyList<string> rows, IReadOnlyList<GanttSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(spans);
        foreach (var span in spans)
        {
            if (span.Row < 0 || span.Row >= rows.Count)
            {
                throw new ArgumentException($"span row {span.Row} is outside 0..{rows.Count - 1}", nameof(spans));
            }

            if (!(span.Duration >= 0) || !double.IsFinite(span.Start) || !double.IsFinite(span.Duration))
            {
                throw new ArgumentException($"span at {span.Start} has an invalid duration {span.Duration}", nameof(spans));
            }

            if (_keyIndex.TryAdd(span.Key, _keys.Count))
            {
                _keys.Add(span.Key);
            }
        }

        Rows = rows;
        Spans = spans;
    }

    /// <summary>Row names.</summary>
    public IReadOnlyList<string> Rows { get; }

    /// <summary>Busy spans.</summary>
    public IReadOnlyList<GanttSpan> Spans { get; }

    /// <summary>Window start (x axis unit), or null for the earliest span.</summary>
    public double? WindowStart { get; set; }

    /// <summary>Window end (x axis unit), or null for the latest span end.</summary>
    public double? WindowEnd { get; set; }

    /// <summary>Optional explicit colour per key; keys not listed take palette colours by first appearance.</summary>
    public IReadOnlyDictionary<string, string>? KeyColors { get; set; }

    /// <summary>Legend text for the idle lane.</summary>
    public string IdleLabel { get; set; } = "idle / bubble";

    internal override bool UsesPaletteSlot => false;

    internal override IReadOnlyList<string>? YCategories => Rows;

    internal override void IncludeIn(DataBounds bounds)
    {
        if (WindowStart is { } start)
        {
            bounds.IncludeX(start);
        }

        if (WindowEnd is { } end)
        {
            bounds.IncludeX(end);
        }

        if (WindowStart is not null && WindowEnd is not null)
        {
            return;
        }

        foreach (var span in Spans)
        {
            bounds.IncludeX(span.Start);
            bounds.IncludeX(span.Start + span.Duration);
        }
    }

    internal override void Render(SvgCanvas canvas, PlotFrame frame)
    {
        var bandPx = frame.HeightPx / Math.Max(1, Rows.Count);
        var thicknessPx = bandPx * ChartStyle.BarFill;
        for (var r = 0; r < Rows.Count; r++)
        {
            canvas.Rect(0, frame.Y.Map(r + 0.5) - (thicknessPx / 2), frame.WidthPx, thicknessPx, ChartStyle.LaneColor, "class=\"gantt-lane\"");
        }

        var windowStart = WindowStart ?? frame.X.Min;
        var windowEnd = WindowEnd ?? frame.X.Max;
        foreach (var span in Spans)
        {
            var start = Math.Max(span.Start, windowStart);
            var end = Math.Min(span.Start + span.Duration, windowEnd);
            if (end < start || (end == start && span.Duration > 0))
            {
                continue;
            }

            var x0 = Math.Clamp(frame.X.Map(start), 0, frame.WidthPx);
            var x1 = Math.Clamp(frame.X.Map(end), 0, frame.WidthPx);
            var width = Math.Max(MinSpanWidthPx, x1 - x0);
            x0 = Math.Min(x0, frame.WidthPx - width);
            canvas.Rect(x0, frame.Y.Map(span.Row + 0.5) - (thicknessPx / 2), width, thicknessPx, KeyColor(span.Key), "class=\"gantt-span\"");
        }
    }

    internal override void AddLegendEntries(List<LegendEntry> entries)
    {
        foreach (var key in _keys.Take(MaxLegendKeys))
        {
            entries.Add(new LegendEntry(key, KeyColor(key), LegendSwatch.Box));
        }

        if (_keys.Count > MaxLegendKeys)
        {
            entries.Add(new LegendEntry($"+{_keys.Count - MaxLegendKeys} more", ChartStyle.BackgroundColor, LegendSwatch.Box));
        }

        entries.Add(new LegendEntry(IdleLabel, ChartStyle.LaneColor, LegendSwatch.Box));
    }

    private string KeyColor(string key) =>
        KeyColors is not null && KeyColors.TryGetValue(key, out var color) ? color : Palette.Get(_keyIndex[key]);
}
