namespace DesSim.Reporting.Trace;

/// <summary>One sample of a counter track of a process, e.g. KV occupancy or queue length of a replica.</summary>
/// <remarks>Time in seconds of simulated time. The value holds until the next sample of the same counter.</remarks>
/// <param name="Process">Process id: the replica.</param>
/// <param name="Name">Counter name, e.g. "KV occupancy".</param>
/// <param name="TimeSeconds">Sample time.</param>
/// <param name="Value">Sample value (unit in the name, e.g. "KV occupancy %").</param>
public sealed record TraceCounter(int Process, string Name, double TimeSeconds, double Value);
