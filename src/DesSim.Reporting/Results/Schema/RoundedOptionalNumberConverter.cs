using System.Text.Json;
using System.Text.Json.Serialization;

namespace DesSim.Reporting.Results.Schema;

/// <summary>An optional result number (an SLO bound, a power cap): null stays null; a value is written as <see cref="RoundedNumberConverter"/> does.</summary>
internal sealed class RoundedOptionalNumberConverter : JsonConverter<double?>
{
    private static readonly RoundedNumberConverter Number = new();

    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Number.Read(ref reader, typeof(double), options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            Number.Write(writer, v, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
