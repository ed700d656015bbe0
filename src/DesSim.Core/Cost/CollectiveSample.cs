namespace DesSim.Core.Cost;

/// <summary>One measured collective: op, GPU count, message size in bytes and latency in seconds.</summary>
/// <param name="Op">all_reduce, all_gather, reduce_scatter, alltoall, send_recv, …</param>
/// <param name="Gpus">GPUs taking part.</param>
/// <param name="Bytes">Message size, bytes.</param>
/// <param name="Seconds">Latency, seconds.</param>
public readonly record struct CollectiveSample(string Op, int Gpus, long Bytes, double Seconds);
