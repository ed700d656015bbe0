namespace DesSim.Core.Workload;

/// <summary>A workload ready to run: its request source, its diagnostics, and the expected request count.</summary>
/// <remarks>Dispose it to close a trace file early; an exhausted trace source closes its file itself.</remarks>
public sealed class OpenedWorkload(IRequestSource source, WorkloadDiagnostics diagnostics, long? expectedRequests) : IDisposable
{
    /// <summary>The requests, pulled one ahead of the clock.</summary>
    public IRequestSource Source { get; } = source;

    /// <summary>Counts and warnings, filled as <see cref="Source"/> is consumed.</summary>
    public WorkloadDiagnostics Diagnostics { get; } = diagnostics;

    /// <summary>How many requests will come (for a progress bar), or null when unknown (e.g. a trace without <c>max_requests</c>).</summary>
    public long? ExpectedRequests { get; } = expectedRequests;

    /// <inheritdoc />
    public void Dispose() => (Source as IDisposable)?.Dispose();
}
