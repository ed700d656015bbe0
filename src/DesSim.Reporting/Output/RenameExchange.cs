using System.Runtime.InteropServices;

namespace DesSim.Reporting.Output;

/// <summary>Swaps two paths in one atomic step where the kernel can: Linux <c>renameat2(…, RENAME_EXCHANGE)</c>
/// (man 2 rename: Linux 3.15+, glibc 2.28+; ext4, xfs, btrfs, tmpfs, overlayfs).</summary>
internal static class RenameExchange
{
    /// <summary><c>AT_FDCWD</c> from <c>fcntl.h</c>: relative paths resolve against the working directory.</summary>
    private const int AtFdCwd = -100;

    /// <summary><c>RENAME_EXCHANGE</c> from <c>linux/fs.h</c>.</summary>
    private const uint RenameExchangeFlag = 2;

    private static bool _unsupported = !OperatingSystem.IsLinux();

    /// <summary>Atomically exchanges <paramref name="a"/> and <paramref name="b"/> (both must exist); false when the
    /// platform or file system cannot, in which case nothing was changed.</summary>
    public static bool TryExchange(string a, string b)
    {
        if (_unsupported)
        {
            return false;
        }

        try
        {
            if (Native.renameat2(AtFdCwd, a, AtFdCwd, b, RenameExchangeFlag) == 0)
            {
                return true;
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unsupported = true;
            return false;
        }

        var errno = Marshal.GetLastPInvokeError();
        // Why: EINVAL (22) / ENOSYS (38) / ENOTSUP (95) mean "this file system or kernel cannot exchange": fall back.
        if (errno is 22 or 38 or 95)
        {
            return false;
        }

        throw new IOException($"cannot swap '{b}' with its new version: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // Why: LibraryImport needs unsafe code; this one call marshals two strings.
#pragma warning disable CA2101
        public static extern int renameat2(int olddirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, int newdirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath, uint flags);
#pragma warning restore CA2101
#pragma warning restore SYSLIB1054
    }
}
