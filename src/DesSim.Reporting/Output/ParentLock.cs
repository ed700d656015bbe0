using DesSim.Core;

namespace DesSim.Reporting.Output;

/// <summary>An advisory lock on one output parent directory (on Linux an exclusive <c>flock</c> on the directory itself;
/// elsewhere on a <c>.dessim.lock</c> file in it, through <see cref="FileShare.None"/>), taken only for the short publish and clean-up steps. A second
/// writer waits for it; the kernel drops it when its holder dies, so a killed run never blocks the next.</summary>
internal sealed class ParentLock : IDisposable
{
    /// <summary>File name of the fallback lock in the parent directory (hidden; kept, since deleting a lock file races).</summary>
    public const string FileName = ".dessim.lock";

    /// <summary>Longest wait for another writer's publish step before giving up.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    private readonly IDisposable _held;

    private ParentLock(IDisposable held) => _held = held;

    /// <summary>Waits (up to <see cref="MaxWait"/>) for the lock on <paramref name="parent"/>, which must exist.</summary>
    /// <exception cref="InputException">Another writer holds it for longer, or it cannot be created.</exception>
    public static ParentLock Acquire(string parent)
    {
        var path = Path.Combine(parent, FileName);
        var deadline = DateTime.UtcNow + MaxWait;
        while (true)
        {
            if (DirectoryFlock.Supported)
            {
                try
                {
                    if (DirectoryFlock.TryAcquire(parent) is { } held)
                    {
                        return new ParentLock(held);
                    }
                }
                catch (PlatformNotSupportedException)
                {
                    continue;
                }
            }
            else if (OwnerLock.TryOpen(path, out var stream))
            {
                return new ParentLock(stream!);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InputException(parent, null, $"another dessim process has held the lock on this directory for over {MaxWait.TotalSeconds:F0} s", "wait for it to finish, or write to another directory");
            }

            Thread.Sleep(Poll);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _held.Dispose();
}
