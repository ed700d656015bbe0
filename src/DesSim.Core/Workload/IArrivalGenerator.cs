namespace DesSim.Core.Workload;

/// <summary>An open-loop arrival process: successive arrival times in ns, nondecreasing.</summary>
internal interface IArrivalGenerator
{
    /// <summary>The next arrival (ns from 0), or false when the process has ended.</summary>
    bool TryNext(out long arrivalNs);
}
