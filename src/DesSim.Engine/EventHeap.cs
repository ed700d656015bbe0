namespace DesSim.Engine;

/// <summary>A 4-ary min-heap of pending events keyed by (time, packed priority and sequence): the near future of
/// <see cref="EventQueue"/>.</summary>
/// <remarks>
/// Why not <see cref="PriorityQueue{TElement,TPriority}"/>: it is not stable, and a struct key with a
/// comparer costs an indirect call per comparison. Priority and sequence are packed into one
/// <see cref="long"/> (15 bits of biased priority above 47 bits of sequence and the background flag), so a comparison is two integer compares.
/// Entries are structs in one array: no allocation per event once the array has grown.
/// </remarks>
internal sealed class EventHeap
{
    // Why split arrays: sifting compares (time, key) at every level but moves the payload only along one path, so the
    // 16-byte keys sit in their own array (four children = one 64-byte cache line) and the payload follows in lockstep.
    private Node[] _keys = new Node[1024];
    private Payload[] _payloads = new Payload[1024];
    private int _count;

    private struct Payload
    {
        public IEventHandler Handler;
        public long Argument;
    }

    private struct Node
    {
        public long Time;
        public long Key;
    }

    public int Count => _count;

    public long PeekTime() => _keys[0].Time;

    /// <summary>Finds the key of the entry with sequence number <paramref name="sequence"/> in the heap (a linear scan).</summary>
    public bool TryFindKey(long sequence, out long key)
    {
        for (int i = 0; i < _count; i++)
        {
            if (EventQueue.SequenceOf(_keys[i].Key) == sequence)
            {
                key = _keys[i].Key;
                return true;
            }
        }

        key = 0;
        return false;
    }

    public long PeekKey() => _keys[0].Key;

    public void Push(long time, long key, IEventHandler handler, long argument)
    {
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _payloads, _keys.Length);
        }

        var keys = _keys;
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            ref Node p = ref keys[parent];
            if (p.Time < time || (p.Time == time && p.Key < key))
            {
                break;
            }

            keys[i] = p;
            _payloads[i] = _payloads[parent];
            i = parent;
        }

        keys[i].Time = time;
        keys[i].Key = key;
        _payloads[i].Handler = handler;
        _payloads[i].Argument = argument;
    }

    public EventQueue.Entry Pop()
    {
        var keys = _keys;
        var payloads = _payloads;
        var top = new EventQueue.Entry { Time = keys[0].Time, Key = keys[0].Key, Handler = payloads[0].Handler, Argument = payloads[0].Argument };
        int n = --_count;
        if (n > 0)
        {
            Node last = keys[n];
            Payload lastPayload = payloads[n];
            payloads[n] = default;
            int i = 0;
            while (true)
            {
                int first = (i << 2) + 1;
                if (first >= n)
                {
                    break;
                }

                int best = first;
                int end = Math.Min(first + 4, n);
                for (int c = first + 1; c < end; c++)
                {
                    ref Node ce = ref keys[c];
                    ref Node be = ref keys[best];
                    if (ce.Time < be.Time || (ce.Time == be.Time && ce.Key < be.Key))
                    {
                        best = c;
                    }
                }

                ref Node b = ref keys[best];
                if (last.Time < b.Time || (last.Time == b.Time && last.Key < b.Key))
                {
                    break;
                }

                keys[i] = b;
                payloads[i] = payloads[best];
                i = best;
            }

            keys[i] = last;
            payloads[i] = lastPayload;
        }
        else
        {
            payloads[0] = default;
        }

        return top;
    }

    public void Clear()
    {
        Array.Clear(_payloads, 0, _count);
        _count = 0;
    }
}
