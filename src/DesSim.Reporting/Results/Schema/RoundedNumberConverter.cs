using System.Text.Json;
using System.Text.Json.Serialization;

namespace DesSim.Reporting.Results.Schema;

/// <summary>A result number: written rounded to 6 decimals (<see cref="Fmt.Round"/>), NaN and infinities as null; null read back as NaN.</summary>
internal sealed class RoundedNumberConverter : JsonConverter<double>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => double.NaN,
        JsonTokenType.Number when reader.TryGetDouble(out var x) && double.IsFinite(x) => x,
        _ => throw new JsonException("expected a number or null"),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(Fmt.Round(value));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
