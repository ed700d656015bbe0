namespace DesSim.Reporting.Charts;

/// <summary>One legend row.</summary>
/// <param name="Label">Text.</param>
/// <param name="Color">CSS colour of the swatch.</param>
/// <param name="Swatch">Glyph.</param>
internal readonly record struct LegendEntry(string Label, string Color, LegendSwatch Swatch);
