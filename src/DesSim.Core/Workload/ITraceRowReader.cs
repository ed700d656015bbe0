namespace DesSim.Core.Workload;

/// <summary>Streams the valid rows of one trace file, in file order.</summary>
/// <remarks>Malformed rows either throw <see cref="InputException"/> or are skipped and counted, per <c>skip_invalid</c>.</remarks>
internal interface ITraceRowReader : IDisposable
{
    /// <summary>True when times are wall-clock and must be rebased so the first request arrives at 0.</summary>
    bool RebaseToFirst { get; }

    /// <summary>The next valid row, or false at the end of the file.</summary>
    bool TryRead(out TraceRow row);
}
