using DesSim.Core;

namespace DesSim.Reporting.Output;

/// <summary>Checks on output paths given by the user: not empty, and apart from the command's inputs.</summary>
public static class OutputPaths
{
    /// <summary>The absolute path with symbolic links of existing parts resolved, without a trailing separator.</summary>
    public static string Full(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        try
        {
            var info = new FileInfo(full);
            if (info.Exists || System.IO.Directory.Exists(full))
            {
                FileSystemInfo fs = info.Exists ? info : new DirectoryInfo(full);
                if (fs.LinkTarget is not null && fs.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                {
                    return Path.TrimEndingDirectorySeparator(target.FullName);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Why: an unresolvable link is reported when it is written to; the plain full path still compares.
        }

        return full;
    }

    /// <summary>The absolute form of <paramref name="path"/>, given by <paramref name="flag"/>.</summary>
    /// <exception cref="InputException">Empty or blank, or not a valid path.</exception>
    public static string Require(string? path, string flag)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InputException(flag, null, "the path is empty", "give a file or directory path");
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new InputException(flag, null, "the path contains a NUL character");
        }

        return Full(path);
    }

    /// <summary>Throws unless <paramref name="output"/> and <paramref name="input"/> are apart: neither equal nor one inside the other.</summary>
    public static void CheckApart(string output, string flag, string input, string what)
    {
        if (string.Equals(output, input, StringComparison.Ordinal))
        {
            throw new InputException(flag, null, $"'{output}' is {what}; refusing to overwrite it", "write to another path");
        }

        if (IsInside(input, output))
        {
            throw new InputException(flag, null, $"'{output}' contains {what} ({input}); refusing to replace it", "write to another directory");
        }

        if (IsInside(output, input))
        {
            throw new InputException(flag, null, $"'{output}' lies inside {what} ({input})", "write outside it");
        }
    }

    private static bool IsInside(string path, string directory) =>
        path.StartsWith(directory.EndsWith(Path.DirectorySeparatorChar) ? directory : directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
