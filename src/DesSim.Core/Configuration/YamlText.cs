using System.Globalization;
using System.Text;

namespace DesSim.Core.Configuration;

/// <summary>Writes user text into YAML that dessim generates (names in calibration and engine files), so any name
/// reads back as itself: a YAML 1.1/1.2 double-quoted scalar with <c>\\</c>, <c>\"</c> and control characters escaped.</summary>
public static class YamlText
{
    /// <summary><paramref name="value"/> as a double-quoted YAML scalar.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '"' => sb.Append("\\\""),
                '\n' => sb.Append(@"\n"),
                '\t' => sb.Append(@"\t"),
                '\r' => sb.Append(@"\r"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' or '\uFEFF' => sb.Append(string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}")),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"').ToString();
    }
}
