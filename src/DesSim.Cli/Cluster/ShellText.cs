namespace DesSim.Cli.Cluster;

/// <summary>POSIX shell quoting for the job scripts the cluster submitters write.</summary>
public static class ShellText
{
    /// <summary><paramref name="text"/> as one single-quoted shell word (a <c>'</c> inside becomes <c>'\''</c>).</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The words joined by spaces, each quoted.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
