namespace DesSim.Core;

/// <summary>Opens user input files, turning I/O failures into <see cref="InputException"/>s that name the file.</summary>
public static class InputFiles
{
    /// <summary>Default read buffer (64 KiB): large sequential reads for traces.</summary>
    public const int DefaultBufferBytes = 1 << 16;

    /// <summary>Opens <paramref name="path"/> for sequential reading.</summary>
    /// <exception cref="InputException">Missing, a directory, or unreadable.</exception>
    public static FileStream OpenRead(string path, int bufferBytes = DefaultBufferBytes) =>
        Guard(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferBytes, FileOptions.SequentialScan));

    /// <summary>Reads all of <paramref name="path"/> as UTF-8 text.</summary>
    public static string ReadAllText(string path) => Guard(path, () => File.ReadAllText(path));

    private static T Guard<T>(string path, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (FileNotFoundException)
        {
            throw new InputException(path, null, "file not found");
        }
        catch (DirectoryNotFoundException)
        {
            throw new InputException(path, null, "file not found (no such directory)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, null, $"cannot read the file: {e.Message}");
        }
    }
}
