namespace DesSim.Core;

/// <summary>Bad input from the user: a file, a key, a row or a flag that cannot be used, with the reason.</summary>
/// <remarks>
/// The CLI turns this into one line on stderr and exit code 2. <see cref="Exception.Message"/> is that line:
/// <c>source:location: reason (hint)</c>, with the parts that are known.
/// </remarks>
public sealed class InputException : Exception
{
    /// <summary>Creates an input error.</summary>
    /// <param name="source">The file or flag at fault (null if none).</param>
    /// <param name="location">A line (<c>12</c>, <c>12:5</c>) or key path (<c>scheduler.max_num_seqs</c>) within it.</param>
    /// <param name="reason">What is wrong.</param>
    /// <param name="hint">How to fix it, where one helps.</param>
    public InputException(string? source, string? location, string reason, string? hint = null)
        : base(Format(source, location, reason, hint))
    {
        Source = source;
        Location = location;
        Reason = reason;
        Hint = hint;
    }

    /// <summary>Creates an input error with only a reason.</summary>
    public InputException(string reason)
        : this(null, null, reason)
    {
    }

    /// <summary>The file or flag at fault.</summary>
    public new string? Source { get; }

    /// <summary>Line or key path within the source.</summary>
    public string? Location { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    /// <summary>How to fix it.</summary>
    public string? Hint { get; }

    private static string Format(string? source, string? location, string reason, string? hint)
    {
        var prefix = (source, location) switch
        {
            (not null, not null) => $"{source}:{location}: ",
            (not null, null) => $"{source}: ",
            (null, not null) => $"{location}: ",
            _ => string.Empty,
        };
        return hint is null ? prefix + reason : $"{prefix}{reason} ({hint})";
    }
}
