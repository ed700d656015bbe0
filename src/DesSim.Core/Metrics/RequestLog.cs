using System.Collections;

namespace DesSim.Core.Metrics;

/// <summary>The run's request records in id order, kept in memory for small runs and streamed to a temporary spill file
/// (<see cref="RequestSpillFile"/>) past <see cref="MemoryRecords"/>, so memory stays constant in the number of requests.</summary>
/// <remarks>
/// Records arrive in finishing order. Ids are handed out in arrival order, so a record can be written as soon as every
/// request that arrived before it has finished: a reorder buffer holds the finished records whose predecessors are still in
/// flight (memory O(requests in flight)). A source whose ids are not increasing in arrival order still gets id order: the
/// log then sorts at <see cref="Complete"/> (all records in memory, the only per-request path left). Reading the log
/// (<see cref="this[int]"/>, enumeration) after <see cref="Complete"/> gives the same records, in the same order, in either
/// storage: outputs are byte-identical.
/// </remarks>
public sealed class RequestLog : IReadOnlyList<RequestRecord>
{
    /// <summary>Records kept in memory before the log moves to its spill file (80 bytes each: 5.2 MB).</summary>
    public const int MemoryRecords = 65_536;

    private readonly int _memoryRecords;
    private readonly Queue<long> _inFlight = new();
    private readonly Dictionary<long, RequestRecord> _waiting = [];
    private readonly List<RequestRecord> _strays = [];
    private List<RequestRecord> _memory = [];
    private RequestSpillFile? _spill;
    private long _lastWritten = long.MinValue;
    private bool _unordered;
    private bool _complete;

    /// <summary>Creates an empty log that spills after <paramref name="memoryRecords"/> records (tests pass small values).</summary>
    public RequestLog(int memoryRecords = MemoryRecords)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(memoryRecords);
        _memoryRecords = memoryRecords;
    }

    /// <summary>Records written so far (after <see cref="Complete"/>: all of them).</summary>
    public int Count => _memory.Count + (int)(_spill?.Count ?? 0);

    /// <summary>Whether the records are in the spill file rather than in memory.</summary>
    public bool Spilled => _spill is not null;

    /// <summary>Requests that arrived and have no record yet.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>A request arrived; its record will come through <see cref="Add"/>.</summary>
    public void OnArrived(long id)
    {
        ThrowIfComplete();
        _inFlight.Enqueue(id);
    }

    /// <summary>Adds the record of a finished (completed or rejected) request.</summary>
    public void Add(in RequestRecord record)
    {
        ThrowIfComplete();
        if (_inFlight.Count == 0 || _inFlight.Peek() != record.Id)
        {
            if (!_waiting.TryAdd(record.Id, record))
            {
                _strays.Add(record); // a trace that repeats an id: written at Complete, in id order
            }

            return;
        }

        _inFlight.Dequeue();
        Write(record);
        while (_inFlight.Count > 0 && _waiting.Remove(_inFlight.Peek(), out var next))
        {
            _inFlight.Dequeue();
            Write(next);
        }
    }

    /// <summary>Writes what is still waiting (records of requests that finished after one that never did), in id order,
    /// and ends writing; idempotent.</summary>
    public void Complete()
    {
        if (_complete)
        {
            return;
        }

        RequestRecord[] rest = [.. _waiting.Values, .. _strays];
        Array.Sort(rest, static (a, b) => a.Id.CompareTo(b.Id));
        _waiting.Clear();
        _strays.Clear();
        _inFlight.Clear();
        foreach (var r in rest)
        {
            Write(r);
        }

        _spill?.Flush();
        _complete = true;
        if (_unordered)
        {
            // Why in memory: only a source with ids out of arrival order gets here; an external sort is not worth it.
            var all = this.ToList();
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(all).Sort(static (a, b) => a.Id.CompareTo(b.Id));
            _spill?.Dispose();
            _spill = null;
            _memory = all;
        }
    }

    /// <inheritdoc />
    public RequestRecord this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            if (_spill is null)
            {
                return _memory[index];
            }

            ThrowIfNotComplete();
            return _spill.Read(index);
        }
    }

    /// <inheritdoc />
    public IEnumerator<RequestRecord> GetEnumerator()
    {
        if (_spill is null)
        {
            return _memory.GetEnumerator();
        }

        ThrowIfNotComplete();
        return _spill.ReadAll().GetEnumerator();
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Write(in RequestRecord r)
    {
        _unordered |= r.Id <= _lastWritten;
        _lastWritten = Math.Max(_lastWritten, r.Id);
        if (_spill is not null)
        {
            _spill.Append(r);
            return;
        }

        if (_memory.Count < _memoryRecords)
        {
            _memory.Add(r);
            return;
        }

        _spill = new RequestSpillFile();
        foreach (var m in _memory)
        {
            _spill.Append(m);
        }

        _memory = [];
        _spill.Append(r);
    }

    private void ThrowIfComplete()
    {
        if (_complete)
        {
            throw new InvalidOperationException("the request log is complete");
        }
    }

    private void ThrowIfNotComplete()
    {
        if (!_complete)
        {
            throw new InvalidOperationException("a spilled request log is read after Complete()");
        }
    }
}
