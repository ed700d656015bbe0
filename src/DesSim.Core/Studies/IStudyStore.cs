namespace DesSim.Core.Studies;

/// <summary>Where a resumable study keeps its points: the rows of the completed ones, a journal of rows as points finish,
/// and the results table rebuilt from them. <see cref="ResumableStudy"/> drives it; the result files' side
/// (<c>DesSim.Reporting.Sweeps.SweepStore</c>) implements it on a sweep directory.</summary>
/// <remarks>Lifecycle: opened (locked against other writers, its manifest checked or written) before the runner starts;
/// <see cref="WriteTable"/> ends any journal and replaces the table; <see cref="Append"/> journals a finished point's row
/// durably; <see cref="DiscardFresh"/> removes what a fresh study wrote; disposing releases the lock. Calls are serialized by
/// the runner.</remarks>
public interface IStudyStore : IDisposable
{
    /// <summary>Whether this run started the study (its manifest was written now, nothing of it existed before).</summary>
    bool IsFresh { get; }

    /// <summary>The rows of the completed points among <paramref name="points"/>, by point index.</summary>
    /// <exception cref="InputException">A point's row is not a complete row of that point.</exception>
    IReadOnlyDictionary<int, string> CompletedRows(IReadOnlyList<int> points);

    /// <summary>Replaces the results table with the header and <paramref name="rows"/> (in point order).</summary>
    void WriteTable(IEnumerable<string> rows);

    /// <summary>Appends a finished point's <paramref name="row"/> to the table, durably (the table stays readable if the run dies).</summary>
    void Append(string row);

    /// <summary>Removes everything this fresh study wrote (no partial output after bad input).</summary>
    void DiscardFresh();
}
