namespace DesSim.Core.Configuration;

/// <summary>Notes about an input document (a deprecated key spelling), each kind once, in the order first raised.</summary>
/// <remarks>One instance is shared by every <see cref="YamlSection"/> of a document; the scenario carries the notes into
/// its run's notes (summary.json <c>notes</c>, and <c>note:</c> lines on the console). Not thread-safe: a document is read
/// by one thread.</remarks>
public sealed class InputNotes
{
    // Why ordered: notes keep the order they were first raised (outputs are deterministic); the key is the note's kind.
    private readonly OrderedDictionary<string, string> _byKind = new(StringComparer.Ordinal);

    /// <summary>The notes so far.</summary>
    public IReadOnlyList<string> All => _byKind.Values;

    /// <summary>Adds <paramref name="text"/> unless a note of <paramref name="kind"/> was already added.</summary>
    public void Once(string kind, string text) => _byKind.TryAdd(kind, text);

    /// <summary>Adds every note of <paramref name="other"/> (another document this one names), each prefixed with <paramref name="prefix"/>.</summary>
    public void AddFrom(InputNotes other, string prefix)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var note in other.All)
        {
            Once(prefix + note, prefix + note);
        }
    }
}
