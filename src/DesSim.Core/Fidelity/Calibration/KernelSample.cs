namespace DesSim.Core.Fidelity.Calibration;

/// <summary>One measured kernel: its op class, work (FLOPs) and memory traffic (bytes), and latency in seconds.</summary>
/// <remarks>Op classes: <c>gemm</c>, <c>attention_prefill</c>, <c>attention_decode</c>, <c>elementwise</c>. Work and traffic are
/// derived from the shape the source recorded (GEMM: 2·m·n·k FLOPs, (m·k + k·n + m·n) elements; attention: see
/// <see cref="ProfileImporter"/>), so an efficiency curve can compare them to the roofline.</remarks>
/// <param name="Op">Op class.</param>
/// <param name="Name">Source op name (e.g. mlp_up_proj).</param>
/// <param name="Flops">Floating-point operations.</param>
/// <param name="Bytes">Bytes moved to and from memory (ideal: each operand once).</param>
/// <param name="Seconds">Measured latency.</param>
/// <param name="LowPrecision">True for FP8/INT8 math (uses the GPU's FP8 peak).</param>
public readonly record struct KernelSample(string Op, string Name, double Flops, double Bytes, double Seconds, bool LowPrecision = false);
