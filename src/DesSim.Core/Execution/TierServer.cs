namespace DesSim.Core.Execution;

/// <summary>One FIFO server of the KV-tier paths (a GPU's host link or NIC in one direction, a disk, a shared store): a
/// move holds it for bytes / bandwidth; moves queue in issue order.</summary>
/// <remarks>Why a disk is one server for reads and writes: an NVMe drive's reads and writes share the device.</remarks>
internal sealed class TierServer
{
    /// <summary>When the last queued move leaves it, ns.</summary>
    public long FreeAtNanoseconds { get; set; }

    /// <summary>Nanoseconds it was held.</summary>
    public long BusyNanoseconds { get; set; }

    /// <summary>Holds it from <paramref name="startNanoseconds"/> for <paramref name="bytes"/> at
    /// <paramref name="bytesPerSecond"/> (∞: not held); returns the hold, ns.</summary>
    public long Hold(long startNanoseconds, long bytes, double bytesPerSecond)
    {
        long hold = double.IsPositiveInfinity(bytesPerSecond) ? 0 : Hardware.TransferMath.ToNanoseconds(bytes / bytesPerSecond);
        FreeAtNanoseconds = startNanoseconds + hold;
        BusyNanoseconds += hold;
        return hold;
    }
}
