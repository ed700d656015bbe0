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

    private readonly SKTypeface _regular;
    private readonly SKTypeface _bold;

    private EmbeddedFonts(SKTypeface regular, SKTypeface bold)
    {
        _regular = regular;
        _bold = bold;
    }

    /// <summary>Registers the resolver (idempotent, thread-safe).</summary>
    public static void Register() => _ = Instance.Value;

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Matches(fontName) ? (bold ? _bold : _regular) : null;

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        Matches(fontName) ? ((int)weight >= BoldWeight ? _bold : _regular) : null;

    private static bool Matches(string fontName) => string.Equals(fontName, FamilyName, StringComparison.OrdinalIgnoreCase);

    private static EmbeddedFonts Create()
    {
        var fonts = new EmbeddedFonts(Load("DejaVuSans.ttf"), Load("DejaVuSans-Bold.ttf"));
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
