namespace DesSim.Core.Cost;

/// <summary>One kernel of a layer: its FLOPs and bytes moved, and for GEMMs its shape.</summary>
/// <remarks><see cref="Flops"/> in floating-point operations, <see cref="Bytes"/> in bytes read plus written. For
/// <see cref="KernelKind.Gemm"/>, M = tokens, N = output columns, K = input width (per TP rank); <see cref="Count"/>
/// identical launches (MoE experts) share one entry. For attention, M = sequences (prefill chunks or decode
/// sequences) and N = mean keys per chunk, cached prefix plus new tokens (prefill) or mean keys per sequence (decode).</remarks>
public readonly record struct Kernel(string Name, KernelKind Kind, double Flops, double Bytes, int M = 0, int N = 0, int K = 0, int Count = 1);
