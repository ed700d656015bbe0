namespace DesSim.Engine;

/// <summary>A 4-ary min-heap of pending events keyed by (time, priority, sequence).</summary>
/// <remarks>
/// Why not <see cref="PriorityQueue{TElement,TPriority}"/>: it is not stable, and a struct key with a
/// comparer costs an indirect call per comparison. Priority and sequence are packed into one
/// <see cref="long"/> (15 bits of biased priority above 48 bits of sequence), so a comparison is two integer compares.
/// Entries are structs in one array: no allocation per event once the array has grown.
/// </remarks>
internal sealed class EventQueue
{
    internal const int SequenceBits = 48;
    internal const long MaxSequence = (1L << SequenceBits) - 1;
    internal const int PriorityBias = 1 << 14;

    private Entry[] _heap = new Entry[1024];
    private int _count;

    internal struct Entry
    {
        public long Time;
        public long Key;
        public IEventHandler Handler;
        public long Argument;
    }

    public int Count => _count;

    public static long PackKey(int priority, long sequence) => ((long)(priority + PriorityBias) << SequenceBits) | sequence;

    public static long SequenceOf(long key) => key & MaxSequence;

    public static int PriorityOf(long key) => (int)(key >> SequenceBits) - PriorityBias;

    public ref readonly Entry Peek() => ref _heap[0];

    public void Push(long time, long key, IEventHandler handler, long argument)
    {
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var heap = _heap;
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            ref Entry p = ref heap[parent];
            if (p.Time < time || (p.Time == time && p.Key < key))
            {
                break;
            }

            heap[i] = p;
            i = parent;
        }

        ref Entry e = ref heap[i];
        e.Time = time;
        e.Key = key;
        e.Handler = handler;
        e.Argument = argument;
    }

    public Entry Pop()
    {
        var heap = _heap;
        Entry top = heap[0];
        int n = --_count;
        if (n > 0)
        {
            Entry last = heap[n];
            heap[n] = default;
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
                    ref Entry ce = ref heap[c];
                    ref Entry be = ref heap[best];
                    if (ce.Time < be.Time || (ce.Time == be.Time && ce.Key < be.Key))
                    {
                        best = c;
                    }
                }

                ref Entry b = ref heap[best];
                if (last.Time < b.Time || (last.Time == b.Time && last.Key < b.Key))
                {
                    break;
                }

                heap[i] = b;
                i = best;
            }

            heap[i] = last;
        }
        else
        {
            heap[0] = default;
        }

        return top;
    }

    public void Clear()
    {
        Array.Clear(_heap, 0, _count);
        _count = 0;
    }
}
