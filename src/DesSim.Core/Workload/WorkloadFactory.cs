using DesSim.Engine;

namespace DesSim.Core.Workload;

/// <summary>Turns a <see cref="WorkloadSpec"/> into a streaming <see cref="IRequestSource"/>.</summary>
/// <remarks>
/// A trace is opened (header checked, format detected) at once; rows are parsed as the source is pulled.
/// Random streams used: "sampling" (trace row sampling), "arrivals", "input_tokens", "output_tokens".
/// </remarks>
public static class WorkloadFactory
{
    /// <summary>Opens the workload.</summary>
    /// <exception cref="InputException">A missing or unreadable trace, an empty file, a missing column, an unknown format.</exception>
    public static OpenedWorkload Open(WorkloadSpec spec, RandomStreams streams)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(streams);
        var diagnostics = new WorkloadDiagnostics();
        switch (spec)
        {
            case TraceWorkloadSpec t:
                {
                    var reader = TraceFiles.OpenRows(t.TracePath, t.Format, t.SkipInvalid, diagnostics, t.BurstGptModel, t.BurstGptLogType);
                    return new OpenedWorkload(new TraceReplaySource(reader, t, diagnostics, streams), diagnostics, null);
                }

            case SyntheticWorkloadSpec { Sessions: not null } s:
                return new OpenedWorkload(new SessionSource(s, streams, diagnostics), diagnostics, null);

            case SyntheticWorkloadSpec s when s.Arrival.Process == ArrivalProcess.ClosedLoop:
                return new OpenedWorkload(new ClosedLoopSource(s, streams, diagnostics), diagnostics, s.DurationSeconds is null && (s.MaxModelLenTokens is null || s.OnTooLong == TooLongPolicy.Truncate) ? s.MaxRequests : null);

            case SyntheticWorkloadSpec s:
                {
                    bool exact = s.DurationSeconds is null && (s.OnTooLong == TooLongPolicy.Truncate || s.MaxModelLenTokens is null)
                        && !(s.Arrival.Process == ArrivalProcess.Piecewise && !s.Arrival.Repeat);
                    return new OpenedWorkload(new SyntheticSource(s, streams, diagnostics), diagnostics, exact ? s.MaxRequests : null);
                }

            default:
                throw new ArgumentException($"unknown workload spec {spec.GetType().Name}", nameof(spec));
        }
    }
}
