namespace DesSim.Core.Hardware;

/// <summary>A numeric format for weights, GEMMs or the KV cache: bf16, fp16 or fp8.</summary>
/// <remarks>Compare by reference or value (it is a record); the three instances are <see cref="Bf16"/>, <see cref="Fp16"/>, <see cref="Fp8"/>.
/// <see cref="BytesPerElement"/> is bytes per stored value.</remarks>
public sealed record Precision(string Name, int BytesPerElement)
{
    /// <summary>bfloat16, 2 bytes.</summary>
    public static readonly Precision Bf16 = new("bf16", 2);

    /// <summary>float16, 2 bytes.</summary>
    public static readonly Precision Fp16 = new("fp16", 2);

    /// <summary>float8 (E4M3), 1 byte.</summary>
    public static readonly Precision Fp8 = new("fp8", 1);

    /// <summary>Whether this is a 16-bit format.</summary>
    public bool Is16Bit => BytesPerElement == 2;

    /// <summary>Parses bf16 | fp16 | fp8 (also bfloat16, float16, half, e4m3), or null when unknown.</summary>
    public static Precision? TryParse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "bf16" or "bfloat16" => Bf16,
        "fp16" or "float16" or "half" => Fp16,
        "fp8" or "float8" or "fp8_e4m3" or "e4m3" => Fp8,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}
