namespace DesSim.Core.Workload;

/// <summary>One parsed trace row before replay controls: time in ns (format's own origin), lengths, optional id and hashes.</summary>
internal readonly record struct TraceRow(long Line, long TimeNs, int InputTokens, int OutputTokens, long? Id, int[]? HashIds);
