using System.Runtime.InteropServices;

namespace DesSim.Core.Configuration;

/// <summary>What kind of file system object a path names (Linux <c>statx(2)</c> with <c>STATX_TYPE</c>; its buffer layout
/// is the same on every architecture: <c>stx_mode</c> is the 16-bit field at byte 28, linux/stat.h).</summary>
internal static class FileKind
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int BufferBytes = 256; // sizeof(struct statx) is 256
    private const int TypeMask = 0xF000; // S_IFMT

    private static bool _unsupported = !OperatingSystem.IsLinux();

    /// <summary>The type's name when <paramref name="path"/> exists and is not a regular file or directory (a FIFO,
    /// a device, a socket); null for a regular file, a directory, a missing path, or where it cannot be told.</summary>
    public static string? Special(string path)
    {
        if (_unsupported)
        {
            return null;
        }

        var buffer = new byte[BufferBytes];
        try
        {
            if (Native.statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unsupported = true;
            return null;
        }

        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) switch
        {
            0x8000 or 0x4000 or 0 => null, // S_IFREG, S_IFDIR, or the type was not reported
            0x1000 => "a named pipe (FIFO)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
    }

    private static class Native
    {
#pragma warning disable SYSLIB1054, CA2101 // Why: LibraryImport needs unsafe code; this one call marshals a string and a pinned buffer.
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [In, Out] byte[] buffer);
#pragma warning restore SYSLIB1054, CA2101
    }
}
