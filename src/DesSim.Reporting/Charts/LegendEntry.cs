namespace DesSim.Reporting.Charts;

/// <summary>One legend row.</summary>
/// <param name="Label">Text.</param>
/// <param name="Color">CSS colour of the swatch.</param>
/// <param name="Swatch">Glyph.</param>
/// <param name="Opacity">Fill opacity of a box swatch (bands are translucent).</param>
internal readonly record struct LegendEntry(string Label, string Color, LegendSwatch Swatch, double Opacity = 1);
