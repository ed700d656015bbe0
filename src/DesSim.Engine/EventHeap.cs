namespace DesSim.Engine;

/// <summary>A 4-ary min-heap of pending events keyed by (time, packed priority and sequence): the near future of
/// <see cref="EventQueue"/>.</summary>
/// <remarks>
/// Why not <see cref="PriorityQueue{TElement,TPriority}"/>: it is not stable, and a struct key with a
/// comparer costs an indirect call per comparison. Priority and sequence are packed into one
/// <see cref="long"/> (15 bits of biased priority above 47 bits of sequence and the background flag), so a comparison is two integer compares.
/// Entries are structs in arrays: no allocation per event once the arrays have grown.
/// </remarks>
internal sealed class EventHeap
{
    // Why this layout: sifting compares (time, key) at every level, so the 16-byte keys sit in their own array (four
    // children = one 64-byte cache line). The payload (handler, argument) stays in a fixed slot from push to pop; the heap
    // moves only the slot's int index in lockstep with the keys. So a sift copies no object reference (no GC write
    // barrier per level) and 20 bytes instead of 32. This was slower with one large heap at 1M pending (24-byte nodes
    // missed cache, docs/performance.md); the heap now holds only the ladder's near future, about one bucket.
    private Node[] _keys = new Node[InitialCapacity];
    private int[] _slots = new int[InitialCapacity];
    private Payload[] _payloads = new Payload[InitialCapacity];
    private int[] _freeSlots = new int[InitialCapacity];
    private int _freeCount;
    private int _count;

    private const int InitialCapacity = 1024;

    public EventHeap() => FreeAllSlots();

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
            Grow();
        }

        int slot = _freeSlots[--_freeCount];
        ref Payload payload = ref _payloads[slot];
        payload.Handler = handler;
        payload.Argument = argument;
        var keys = _keys;
        var slots = _slots;
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
            slots[i] = slots[parent];
            i = parent;
        }

        keys[i].Time = time;
        keys[i].Key = key;
        slots[i] = slot;
    }

    public EventQueue.Entry Pop()
    {
        var keys = _keys;
        var slots = _slots;
        int topSlot = slots[0];
        ref Payload payload = ref _payloads[topSlot];
        var top = new EventQueue.Entry { Time = keys[0].Time, Key = keys[0].Key, Handler = payload.Handler, Argument = payload.Argument };
        payload = default;
        _freeSlots[_freeCount++] = topSlot;
        int n = --_count;
        if (n > 0)
        {
            Node last = keys[n];
            int lastSlot = slots[n];
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
                slots[i] = slots[best];
                i = best;
            }

            keys[i] = last;
            slots[i] = lastSlot;
        }

        return top;
    }

    public void Clear()
    {
        Array.Clear(_payloads);
        _count = 0;
        FreeAllSlots();
    }

    /// <summary>Doubles every array; the new payload slots join the free list (the heap is full, so it was empty).</summary>
    private void Grow()
    {
        int old = _keys.Length;
        int size = old * 2;
        Array.Resize(ref _keys, size);
        Array.Resize(ref _slots, size);
        Array.Resize(ref _payloads, size);
        Array.Resize(ref _freeSlots, size);
        for (int s = size - 1; s >= old; s--)
        {
            _freeSlots[_freeCount++] = s;
        }
    }

    /// <summary>Every slot free, lowest on top (reused first, so a small heap touches few payload lines).</summary>
    private void FreeAllSlots()
    {
        _freeCount = 0;
        for (int s = _payloads.Length - 1; s >= 0; s--)
        {
            _freeSlots[_freeCount++] = s;
        }
    }
}
