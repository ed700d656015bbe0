using System.Text.Json.Serialization;

namespace DesSim.Reporting.Results.Schema;

/// <summary>Source-generated (reflection-free, NativeAOT-safe) serialization of <see cref="SummaryDocument"/>.</summary>
/// <remarks>Indented as <c>Utf8JsonWriter</c>'s default (2 spaces, \n on Linux); every double rounded to 6 decimals, NaN as
/// null; nulls in non-nullable places and missing required keys are errors on reading.</remarks>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(RoundedNumberConverter), typeof(RoundedOptionalNumberConverter)])]
[JsonSerializable(typeof(SummaryDocument))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;
