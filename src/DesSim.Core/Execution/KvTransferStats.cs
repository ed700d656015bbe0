namespace DesSim.Core.Execution;

/// <summary>Totals of a disaggregated run's KV hand-offs.</summary>
/// <param name="Transfers">Transfers completed.</param>
/// <param name="Bytes">KV bytes moved (every flow counted).</param>
/// <param name="BusyNanosecondsPerGpu">Per GPU id: nanoseconds with at least one KV transfer from or to it in flight.</param>
public sealed record KvTransferStats(long Transfers, long Bytes, IReadOnlyList<long> BusyNanosecondsPerGpu);
