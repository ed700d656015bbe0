namespace DesSim.Reporting.Charts;

/// <summary>Edits of one text built into a new string in a single allocation: each edit replaces a span of the source
/// (possibly empty: an insertion) by other text.</summary>
/// <remarks>Why: an SVG chart is 20–60 k characters, so every <c>Replace</c>/<c>Insert</c>/<c>Regex.Replace</c> of the
/// whole document is a large-object-heap copy; several of them per chart, ten charts per report, after a simulation
/// whose heap is full, cost garbage collections. Edits may be added in any order; they must not overlap (two
/// insertions at one place keep the order they were added in).</remarks>
internal sealed class TextEdits
{
    private readonly List<(int Start, int Length, string Text)> _edits = [];
    private int _delta;

    /// <summary>Replaces <paramref name="length"/> characters from <paramref name="start"/> by <paramref name="text"/>.</summary>
    public void Replace(int start, int length, string text)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _edits.Add((start, length, text));
        _delta += text.Length - length;
    }

    /// <summary>Inserts <paramref name="text"/> before the character at <paramref name="at"/>.</summary>
    public void Insert(int at, string text) => Replace(at, 0, text);

    /// <summary>Replaces every occurrence of <paramref name="find"/> in <paramref name="source"/> by <paramref name="text"/>.</summary>
    public void ReplaceAll(ReadOnlySpan<char> source, string find, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(find);
        var from = 0;
        while (source[from..].IndexOf(find, StringComparison.Ordinal) is var at and >= 0)
        {
            Replace(from + at, find.Length, text);
            from += at + find.Length;
        }
    }

    /// <summary>The edited text.</summary>
    public string Apply(ReadOnlySpan<char> source)
    {
        // Why a stable sort: List.Sort is not stable, and two insertions at one place must keep their order.
        var edits = _edits.Select((e, i) => (e, i)).OrderBy(x => x.e.Start).ThenBy(x => x.i).Select(x => x.e).ToArray();
        int end = 0;
        foreach (var (start, length, _) in edits)
        {
            if (start < end || start + length > source.Length)
            {
                throw new ArgumentException($"an edit of {length} characters at {start} overlaps another or runs past the text's {source.Length} characters", nameof(source));
            }

            end = start + length;
        }

        return string.Create(source.Length + _delta, new Source(source, edits), static (target, s) =>
        {
            int from = 0, to = 0;
            foreach (var (start, length, text) in s.Edits)
            {
                s.Text[from..start].CopyTo(target[to..]);
                to += start - from;
                text.CopyTo(target[to..]);
                to += text.Length;
                from = start + length;
            }

            s.Text[from..].CopyTo(target[to..]);
        });
    }

    private readonly ref struct Source(ReadOnlySpan<char> text, (int Start, int Length, string Text)[] edits)
    {
        public ReadOnlySpan<char> Text { get; } = text;

        public (int Start, int Length, string Text)[] Edits { get; } = edits;
    }
}
