using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DesSim.Core.Metrics;

/// <summary>A temporary file of fixed-width <see cref="RequestRecord"/>s (their in-memory layout, 80 bytes each), appended
/// through a small buffer and read back by index or in order.</summary>
/// <remarks>The file lives in the system temporary directory and is unlinked as soon as it is open (Unix) or deleted on
/// close (Windows), so nothing is left behind even when the process dies. It is read only by the process that wrote it,
/// so the raw layout needs no format of its own. Memory: the 4,096-record buffer (320 KB).</remarks>
public sealed class RequestSpillFile : IDisposable
{
    private const int BufferRecords = 4096;
    private static readonly int RecordBytes = Unsafe.SizeOf<RequestRecord>();
    private readonly SafeFileHandle _handle;
    private readonly RequestRecord[] _buffer = new RequestRecord[BufferRecords];
    private int _buffered;
    private long _flushed;

    /// <summary>Creates and opens an empty spill file.</summary>
    public RequestSpillFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dessim-requests-{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
        _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None);
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path);
        }
    }

    /// <summary>Records appended.</summary>
    public long Count => _flushed + _buffered;

    /// <summary>Appends one record.</summary>
    public void Append(in RequestRecord record)
    {
        _buffer[_buffered++] = record;
        if (_buffered == BufferRecords)
        {
            Flush();
        }
    }

    /// <summary>Writes the buffered records to the file.</summary>
    public void Flush()
    {
        if (_buffered == 0)
        {
            return;
        }

        RandomAccess.Write(_handle, MemoryMarshal.AsBytes(_buffer.AsSpan(0, _buffered)), _flushed * RecordBytes);
        _flushed += _buffered;
        _buffered = 0;
    }

    /// <summary>The record at <paramref name="index"/> (after <see cref="Flush"/>).</summary>
    public RequestRecord Read(long index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _flushed);
        Span<RequestRecord> one = stackalloc RequestRecord[1];
        ReadExactly(MemoryMarshal.AsBytes(one), index * RecordBytes);
        return one[0];
    }

    /// <summary>Every flushed record in file order, read in chunks of the buffer's size.</summary>
    public IEnumerable<RequestRecord> ReadAll()
    {
        var chunk = new RequestRecord[BufferRecords];
        for (long at = 0; at < _flushed; at += BufferRecords)
        {
            int n = (int)Math.Min(BufferRecords, _flushed - at);
            ReadExactly(MemoryMarshal.AsBytes(chunk.AsSpan(0, n)), at * RecordBytes);
            for (int i = 0; i < n; i++)
            {
                yield return chunk[i];
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private void ReadExactly(Span<byte> into, long offset)
    {
        while (into.Length > 0)
        {
            int n = RandomAccess.Read(_handle, into, offset);
            if (n <= 0)
            {
                throw new EndOfStreamException("the request spill file ended early");
            }

            into = into[n..];
            offset += n;
        }
    }
}
