using System.Text.Json;
using System.Text.Json.Serialization;

namespace DesSim.Reporting.Results.Schema;

/// <summary>Writes the tiers as one JSON object keyed by tier name, in list order (<c>gpu</c> first), and reads them back in file order.</summary>
/// <remarks>Why not a dictionary: the order is part of the file (determinism), and a list keeps it by construction.</remarks>
internal sealed class PrefixTiersConverter : JsonConverter<IReadOnlyList<PrefixTierDocument>>
{
    /// <inheritdoc />
    public override IReadOnlyList<PrefixTierDocument> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected an object of tiers");
        }

        var tiers = new List<PrefixTierDocument>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var tier = JsonSerializer.Deserialize(ref reader, SummaryJsonContext.Default.PrefixTierDocument) ?? throw new JsonException($"tier {name} is null");
            tiers.Add(tier with { Name = name });
        }

        return reader.TokenType == JsonTokenType.EndObject ? tiers : throw new JsonException("expected the end of the tiers object");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<PrefixTierDocument> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var tier in value)
        {
            writer.WritePropertyName(tier.Name);
            JsonSerializer.Serialize(writer, tier, SummaryJsonContext.Default.PrefixTierDocument);
        }

        writer.WriteEndObject();
    }
}
