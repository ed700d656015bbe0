using ScottPlot;
using SkiaSharp;

namespace DesSim.Reporting.Charts;

/// <summary>Serves DejaVu Sans (regular and bold) to ScottPlot from this assembly's resources, so chart text is
/// measured and drawn with the same glyphs on every machine, with or without fonts installed.</summary>
/// <remarks>Registered once, first in <see cref="Fonts.FontResolvers"/>; ScottPlot's default font becomes DejaVu Sans,
/// so plottables created with default styles use it too. Licence: Charts/Fonts/LICENSE.md.</remarks>
internal sealed class EmbeddedFonts : IFontResolver
{
    /// <summary>Family name the resolver answers to (the font's own family name, so SVG text names it).</summary>
    public const string FamilyName = "DejaVu Sans";

    /// <summary>CSS font-weight from which the bold face is used.</summary>
    private const int BoldWeight = 600;

    private static readonly Lazy<EmbeddedFonts> Instance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Characters below this one are looked up in the subset's character map; it has none above (see
    /// tools/subset-chart-font: its last range ends at U+2265).</summary>
    private const char CoverageEnd = '\u2300';

    private readonly SKTypeface _regular;
    private readonly SKTypeface _bold;
    private readonly SKTypeface _subset;
    private readonly bool[] _covered;

    private EmbeddedFonts(SKTypeface regular, SKTypeface bold, SKTypeface subset)
    {
        _regular = regular;
        _bold = bold;
        _subset = subset;
        var all = new char[CoverageEnd];
        for (var c = 0; c < all.Length; c++)
        {
            all[c] = (char)c;
        }

        _covered = subset.GetGlyphs(all).Select(glyph => glyph != 0).ToArray();
    }

    /// <summary>The regular face, as the resolver serves it.</summary>
    public static SKTypeface Regular => Instance.Value._regular;

    /// <summary>The regular face cut down to the characters of <see cref="CoversAll"/> (Charts/Fonts/DejaVuSans-Charts.ttf,
    /// made by tools/subset-chart-font). Same family name, outlines, hinting, advances and font metrics as
    /// <see cref="Regular"/>, so text it covers measures and draws to the same bytes.</summary>
    /// <remarks>Why: Skia's SVG writer rebuilds the glyph-to-Unicode map of the whole typeface for every text element it
    /// writes (SkFontPriv::GlyphsToUnichars, Skia m119 in SkiaSharp 3.119); for DejaVu Sans's 6,253 glyphs that was most of
    /// the cost of writing a chart's SVG (a few hundred tick labels per report). The subset has 290.</remarks>
    public static SKTypeface Subset => Instance.Value._subset;

    /// <summary>Registers the resolver (idempotent, thread-safe).</summary>
    public static void Register() => _ = Instance.Value;

    /// <summary>Whether <see cref="Subset"/> has a glyph for every character of <paramref name="text"/>.</summary>
    public static bool CoversAll(string? text)
    {
        var covered = Instance.Value._covered;
        foreach (var c in text ?? string.Empty)
        {
            if (c >= CoverageEnd || !covered[c])
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Matches(fontName) ? (bold ? _bold : _regular) : null;

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        Matches(fontName) ? ((int)weight >= BoldWeight ? _bold : _regular) : null;

    private static bool Matches(string fontName) => string.Equals(fontName, FamilyName, StringComparison.OrdinalIgnoreCase);

    private static EmbeddedFonts Create()
    {
        var fonts = new EmbeddedFonts(Load("DejaVuSans.ttf"), Load("DejaVuSans-Bold.ttf"), Load("DejaVuSans-Charts.ttf"));
        Fonts.FontResolvers.Insert(0, fonts);
        Fonts.Default = FamilyName;
        return fonts;
    }

    private static SKTypeface Load(string file)
    {
        var name = $"DesSim.Reporting.Charts.Fonts.{file}";
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded font {name} is missing from the assembly");
        // Why straight into Skia's memory: copying the two faces (1.4 MB) through a growing MemoryStream and an array
        // allocated large managed buffers, and after a simulation those allocations cost garbage collections of its heap.
        using var data = SKData.Create(stream.Length);
        stream.ReadExactly(data.Span);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"embedded font {name} does not load");
    }
}
