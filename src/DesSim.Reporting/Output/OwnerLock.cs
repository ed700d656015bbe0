namespace DesSim.Reporting.Output;

/// <summary>Exclusive advisory locks on small lock files (on Unix, .NET takes <c>flock(LOCK_EX | LOCK_NB)</c> for
/// <see cref="FileShare.None"/>; the lock is per open file, so two holders in one process also exclude each other).</summary>
internal static class OwnerLock
{
    /// <summary>Opens (creating) and locks <paramref name="path"/>; false when another holder has it.</summary>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public static bool TryOpen(string path, out FileStream? stream)
    {
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            stream = null;
            return false;
        }
    }

    /// <summary>True when nobody holds the lock at <paramref name="path"/> (or it does not exist).</summary>
    public static bool IsFree(string path)
    {
        if (!File.Exists(path))
        {
            return true;
        }

        try
        {
            if (TryOpen(path, out var s))
            {
                s!.Dispose();
                return true;
            }

            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
