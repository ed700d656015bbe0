using System.Runtime.InteropServices;

namespace DesSim.Reporting.Output;

/// <summary>An exclusive <c>flock(2)</c> on a directory itself (Linux: a directory opened read-only can be locked),
/// so locking an output parent leaves no lock file behind. Constants from <c>asm-generic/fcntl.h</c> and <c>sys/file.h</c>.</summary>
internal sealed class DirectoryFlock : IDisposable
{
    private const int ReadOnlyCloseOnExec = 0x80000; // O_RDONLY (0) | O_CLOEXEC (02000000), the same on x86-64 and arm64
    private const int LockExclusiveNonBlocking = 2 | 4; // LOCK_EX | LOCK_NB
    private const int WouldBlock = 11; // EWOULDBLOCK = EAGAIN

    private int _fd;

    private DirectoryFlock(int fd) => _fd = fd;

    /// <summary>Whether this platform locks directories this way (otherwise the caller uses a lock file).</summary>
    public static bool Supported { get; private set; } = OperatingSystem.IsLinux();

    /// <summary>Tries once to lock <paramref name="directory"/>: the lock, null when another holder has it.</summary>
    /// <exception cref="IOException">The directory cannot be opened.</exception>
    public static DirectoryFlock? TryAcquire(string directory)
    {
        int fd;
        try
        {
            fd = Native.open(directory, ReadOnlyCloseOnExec);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            Supported = false;
            throw new PlatformNotSupportedException("no flock", e);
        }

        if (fd < 0)
        {
            throw new IOException($"cannot open {directory}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        if (Native.flock(fd, LockExclusiveNonBlocking) == 0)
        {
            return new DirectoryFlock(fd);
        }

        var errno = Marshal.GetLastPInvokeError();
        _ = Native.close(fd);
        return errno == WouldBlock ? null : throw new IOException($"cannot lock {directory}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>Releases the lock (closing the descriptor drops it).</summary>
    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = Native.close(_fd);
            _fd = -1;
        }
    }

    private static class Native
    {
#pragma warning disable SYSLIB1054, CA2101 // Why: LibraryImport needs unsafe code; these calls marshal one string at most.
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int flock(int fd, int operation);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int close(int fd);
#pragma warning restore SYSLIB1054, CA2101
    }
}
