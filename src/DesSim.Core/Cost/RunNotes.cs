namespace DesSim.Core.Cost;

/// <summary>Warnings collected during setup and pricing, each kind recorded once per run.</summary>
/// <remarks>Grows while the cost model is used (e.g. the first time a shape falls outside the measured tables). Not thread-safe.</remarks>
public sealed class RunNotes
{
    private readonly List<string> _notes = [];
    private readonly List<string> _kindOrder = [];
    private readonly HashSet<string> _kinds = new(StringComparer.Ordinal);

    /// <summary>The notes so far, in the order they were first raised.</summary>
    public IReadOnlyList<string> All => _notes;

    /// <summary>Adds <paramref name="text"/> unless a note of <paramref name="kind"/> was already added.</summary>
    public void Once(string kind, string text)
    {
        if (_kinds.Add(kind))
        {
            _notes.Add(text);
            _kindOrder.Add(kind);
        }
    }

    /// <summary>Forgets every note after the first <paramref name="count"/> (and their kinds, so they may be raised again).</summary>
    public void RewindTo(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (int i = _notes.Count - 1; i >= count; i--)
        {
            _kinds.Remove(_kindOrder[i]);
            _kindOrder.RemoveAt(i);
            _notes.RemoveAt(i);
        }
    }
}
