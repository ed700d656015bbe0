using System.Text;
using DesSim.Core;

namespace DesSim.Reporting.Output;

/// <summary>Writes one file atomically through a <see cref="StagedFile"/>: staged next to the target, then renamed over it.</summary>
/// <remarks>Readers see either the old file or the complete new one, never a partial write. Text is UTF-8 without
/// a byte-order mark. Missing parent directories are created. I/O and permission failures become an
/// <see cref="InputException"/> naming the path (the CLI maps it to exit code 2).</remarks>
public static class AtomicFile
{
    /// <summary>UTF-8 without BOM: what every CSV/JSON/HTML consumer expects.</summary>
    internal static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) => Write(path, stream =>
    {
        var bytes = Utf8NoBom.GetBytes(text);
        stream.Write(bytes, 0, bytes.Length);
    });

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes, 0, bytes.Length));

    /// <summary>Lets <paramref name="write"/> fill a staged file, then moves it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        using var file = new StagedFile(path);
        file.Write(write);
        file.Commit();
    }
}
