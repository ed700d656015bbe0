using System.Globalization;
using System.Text.Json;
using DesSim.Core;

namespace DesSim.Reporting.Results;

/// <summary>Parses a JSON result file, turning unreadable or malformed files into <see cref="InputException"/>s naming the file and line.</summary>
internal static class JsonFiles
{
    /// <summary>Parses <paramref name="path"/>; the caller disposes the document.</summary>
    public static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InputException(path, e.LineNumber is { } l ? (l + 1).ToString(CultureInfo.InvariantCulture) : null, $"malformed JSON: {e.Message.Split('\n')[0]}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, null, $"cannot read: {e.Message}");
        }
    }
}
