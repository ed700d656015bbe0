namespace DesSim.Core.Configuration;

/// <summary>Opens user input files, turning I/O failures into <see cref="InputException"/>s that name the file.</summary>
public static class InputFiles
{
    /// <summary>Default read buffer (64 KiB): large sequential reads for traces.</summary>
    public const int DefaultBufferBytes = 1 << 16;

    /// <summary>Largest text file read whole (bytes): scenarios, grids, calibration and engine files are a few KB;
    /// 16 MiB leaves room for a generated calibration table and stops a hostile or mistaken input early.</summary>
    public const long MaxTextBytes = 16L << 20;

    /// <summary>Opens <paramref name="path"/> for sequential reading.</summary>
    /// <exception cref="InputException">Missing, a directory, not a regular file (a FIFO or device would block or never end), or unreadable.</exception>
    public static FileStream OpenRead(string path, int bufferBytes = DefaultBufferBytes) =>
        Guard(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferBytes, FileOptions.SequentialScan));

    /// <summary>Reads all of <paramref name="path"/> as UTF-8 text (at most <paramref name="maxBytes"/>).</summary>
    /// <exception cref="InputException">As <see cref="OpenRead"/>, or larger than <paramref name="maxBytes"/>.</exception>
    public static string ReadAllText(string path, long maxBytes = MaxTextBytes) => Guard(path, () =>
    {
        var length = new FileInfo(path).Length;
        if (length > maxBytes)
        {
            throw new InputException(path, null, $"is {length:N0} bytes; the most read as a text input is {maxBytes:N0}", "is this the file you meant?");
        }

        return File.ReadAllText(path);
    });

    private static T Guard<T>(string path, Func<T> open)
    {
        if (FileKind.Special(path) is { } kind)
        {
            throw new InputException(path, null, $"is {kind}, not a regular file", "save the data to a file first");
        }

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
