using System.Numerics;

namespace DesSim.Engine;

/// <summary>Pending events in exact (time, priority, sequence) order: a small heap for the near future, unsorted
/// time buckets for the middle future and an unsorted overflow list beyond them (a two-rung ladder queue).</summary>
/// <remarks>
/// Why: with a million events pending a single heap misses cache on every level of every pop. Here each event is
/// appended once to a bucket or the overflow (a sequential write), and moved into the near heap only when its bucket
/// becomes current; the near heap holds about one bucket and stays in cache. Order is exact: the near heap holds every
/// event with time &lt; <see cref="_boundary"/> and sorts them by the full (time, key); bucket i holds times in
/// [base + i·width, base + (i+1)·width) and the overflow times ≥ base + buckets·width, so no later-drained event can
/// precede a popped one. When the buckets are used up, the overflow is spread over new buckets sized from its own times
/// (about <see cref="TargetPerBucket"/> events in the front buckets, the width a power of two). Arrays grow and are reused: no allocation per event.
/// Ladder queue: W. T. Tang, R. S. M. Goh, I. L.-J. Thng, ACM TOMACS 15(3), 2005.
/// </remarks>
internal sealed class EventQueue
{
    /// <summary>Bits below the priority: the sequence number above one background flag bit (the lowest).</summary>
    /// <remarks>Why the flag is the lowest bit: sequence numbers are unique, so (sequence, flag) orders exactly as the
    /// sequence alone and the flag never changes the FIFO order; it rides in the key, so an entry stays 32 bytes.</remarks>
    internal const int SequenceBits = 48;
    internal const long MaxSequence = (1L << (SequenceBits - 1)) - 1;
    internal const long BackgroundBit = 1;
    internal const int PriorityBias = 1 << 14;

    /// <summary>Mean events per bucket after a rebuild: small enough for the near heap to stay in L1/L2.</summary>
    private const int TargetPerBucket = 16;

    /// <summary>Most buckets one rebuild creates (the bucket table is 12 bytes a bucket).</summary>
    private const int MaxBuckets = 1 << 20;

    /// <summary>Most buckets one spread makes, per <see cref="TargetPerBucket"/> events spread.</summary>
    private const int BucketsPerSpread = 2;

    /// <summary>Below this many pending events the overflow is not spread into buckets: the heap alone is fastest.</summary>
    private const int MinSpread = 2 * TargetPerBucket;

    private readonly EventHeap _near = new();
    /// <summary>Bucket storage: chunks of <see cref="ChunkSize"/> entries in one pool, each bucket a linked list of chunks.</summary>
    private const int ChunkSize = 16;

    private Entry[] _pool = new Entry[64 * ChunkSize];
    private int[] _chunkNext = new int[64];
    private int _freeChunk = -1;
    private int _chunks;
    private int[] _head = [];
    private int[] _tail = [];
    private int[] _tailFill = [];
    private int _bucketsInUse;
    private int _nextBucket;
    private long _base;
    /// <summary>log2 of the bucket width, ns: a bucket index is a shift, not a division.</summary>
    private int _shift;
    private long _boundary = long.MinValue;
    private Entry[] _overflow = new Entry[1024];
    private int _overflowCount;
    private long _overflowMin = long.MaxValue;
    private long _overflowMax = long.MinValue;
    private int _count;

    internal struct Entry
    {
        public long Time;
        public long Key;
        public IEventHandler Handler;
        public long Argument;
    }

    public int Count => _count;

    public static long PackKey(int priority, long sequence, bool background) =>
        ((long)(priority + PriorityBias) << SequenceBits) | (sequence << 1) | (background ? BackgroundBit : 0);

    public static long SequenceOf(long key) => (key & ((1L << SequenceBits) - 1)) >> 1;

    public static bool IsBackground(long key) => (key & BackgroundBit) != 0;

    public static int PriorityOf(long key) => (int)(key >> SequenceBits) - PriorityBias;

    public long PeekTime()
    {
        Refill();
        return _near.PeekTime();
    }

    public long PeekKey()
    {
        Refill();
        return _near.PeekKey();
    }

    public void Push(long time, long key, IEventHandler handler, long argument)
    {
        _count++;
        if (time < _boundary)
        {
            _near.Push(time, key, handler, argument);
            return;
        }

        // time ≥ _boundary ≥ _base here, so the offset is non-negative.
        long index = (time - _base) >> _shift;
        if ((ulong)index < (ulong)_bucketsInUse)
        {
            Append((int)index) = new Entry { Time = time, Key = key, Handler = handler, Argument = argument };
            return;
        }

        if (_overflowCount == _overflow.Length)
        {
            Array.Resize(ref _overflow, _overflow.Length * 2);
        }

        _overflow[_overflowCount++] = new Entry { Time = time, Key = key, Handler = handler, Argument = argument };
        _overflowMin = Math.Min(_overflowMin, time);
        _overflowMax = Math.Max(_overflowMax, time);
    }

    /// <summary>Finds the key of the queued event (cancelled or not) with sequence number <paramref name="sequence"/>.</summary>
    /// <remarks>A linear scan of every rung, O(pending): it serves <see cref="Simulator.Cancel"/>, which no model calls on a
    /// hot path, and keeps the per-event paths free of any index.</remarks>
    public bool TryFindKey(long sequence, out long key)
    {
        if (_near.TryFindKey(sequence, out key))
        {
            return true;
        }

        for (int b = _nextBucket; b < _bucketsInUse; b++)
        {
            for (int c = _head[b]; c >= 0; c = _chunkNext[c])
            {
                int n = c == _tail[b] ? _tailFill[b] : ChunkSize;
                for (int i = c * ChunkSize; i < (c * ChunkSize) + n; i++)
                {
                    if (SequenceOf(_pool[i].Key) == sequence)
                    {
                        key = _pool[i].Key;
                        return true;
                    }
                }
            }
        }

        for (int i = 0; i < _overflowCount; i++)
        {
            if (SequenceOf(_overflow[i].Key) == sequence)
            {
                key = _overflow[i].Key;
                return true;
            }
        }

        key = 0;
        return false;
    }

    public Entry Pop()
    {
        Refill();
        _count--;
        return _near.Pop();
    }

    public void Clear()
    {
        _near.Clear();
        for (int b = _nextBucket; b < _bucketsInUse; b++)
        {
            FreeBucket(b, drain: false);
        }

        Array.Clear(_overflow, 0, _overflowCount);
        _overflowCount = 0;
        _overflowMin = long.MaxValue;
        _overflowMax = long.MinValue;
        _bucketsInUse = 0;
        _nextBucket = 0;
        _base = 0;
        _shift = 0;
        _boundary = long.MinValue;
        _count = 0;
    }

    /// <summary>Makes the near heap hold the earliest pending event (callers check <see cref="Count"/> first).</summary>
    private void Refill()
    {
        while (_near.Count == 0)
        {
            if (_nextBucket < _bucketsInUse)
            {
                DrainBucket(_nextBucket++);
                _boundary = BucketStart(_nextBucket);
            }
            else if (_overflowCount > 0)
            {
                Spread();
            }
            else
            {
                throw new InvalidOperationException("the event queue is empty");
            }
        }
    }

    /// <summary>Start time of bucket <paramref name="b"/>, saturating at <see cref="long.MaxValue"/>.</summary>
    private long BucketStart(int b) => b > (long.MaxValue - _base) >> _shift ? long.MaxValue : _base + ((long)b << _shift);

    private void DrainBucket(int b) => FreeBucket(b, drain: true);

    /// <summary>Returns bucket <paramref name="b"/>'s chunks to the free list, first moving its events into the near heap
    /// when <paramref name="drain"/>.</summary>
    private void FreeBucket(int b, bool drain)
    {
        int c = _head[b];
        while (c >= 0)
        {
            int n = c == _tail[b] ? _tailFill[b] : ChunkSize;
            int start = c * ChunkSize;
            if (drain)
            {
                for (int i = start; i < start + n; i++)
                {
                    ref Entry e = ref _pool[i];
                    _near.Push(e.Time, e.Key, e.Handler, e.Argument);
                }
            }

            Array.Clear(_pool, start, n);
            int next = _chunkNext[c];
            _chunkNext[c] = _freeChunk;
            _freeChunk = c;
            c = next;
        }

        _head[b] = -1;
    }

    /// <summary>The slot for one more event in bucket <paramref name="b"/>.</summary>
    private ref Entry Append(int b)
    {
        int tail = _tail[b];
        if (_head[b] < 0 || _tailFill[b] == ChunkSize)
        {
            int c = AllocateChunk();
            if (_head[b] < 0)
            {
                _head[b] = c;
            }
            else
            {
                _chunkNext[tail] = c;
            }

            _tail[b] = tail = c;
            _tailFill[b] = 0;
        }

        return ref _pool[(tail * ChunkSize) + _tailFill[b]++];
    }

    private int AllocateChunk()
    {
        if (_freeChunk < 0)
        {
            // Grow the pool (doubling): chunks are reused afterwards, so this happens only while the pending count grows.
            int old = _chunks;
            int grown = Math.Max(64, old * 2);
            if (_pool.Length < grown * ChunkSize)
            {
                Array.Resize(ref _pool, grown * ChunkSize);
                Array.Resize(ref _chunkNext, grown);
            }

            for (int c = grown - 1; c >= old; c--)
            {
                _chunkNext[c] = _freeChunk;
                _freeChunk = c;
            }

            _chunks = grown;
        }

        int chunk = _freeChunk;
        _freeChunk = _chunkNext[chunk];
        _chunkNext[chunk] = -1;
        return chunk;
    }

    /// <summary>Spreads the overflow over fresh buckets covering its time span (or moves it into the near heap when small).</summary>
    private void Spread()
    {
        int n = _overflowCount;
        long min = _overflowMin;
        long max = _overflowMax;
        _overflowCount = 0;
        _overflowMin = long.MaxValue;
        _overflowMax = long.MinValue;
        if (n < MinSpread || min == max)
        {
            // Few events (or one instant): the heap alone; the boundary covers them all, later pushes beyond go to the overflow.
            _bucketsInUse = 0;
            _nextBucket = 0;
            _base = max == long.MaxValue ? max : max + 1;
            _shift = 0;
            _boundary = _base;
            for (int i = 0; i < n; i++)
            {
                ref Entry e = ref _overflow[i];
                _near.Push(e.Time, e.Key, e.Handler, e.Argument);
            }

            Array.Clear(_overflow, 0, n);
            return;
        }

        // Width: the largest power of two at or below TargetPerBucket × (mean offset from min) / n, so a bucket index is a
        // shift. Why the mean offset rather than the span: event times are often front-loaded (exponential holds: many
        // short delays, a few long ones), and buckets sized from the span would put most events into the first few, hence
        // into one large near heap. For exponential delays this puts about TargetPerBucket events in each front bucket.
        // At most BucketsPerSpread × n / TargetPerBucket buckets are made (the bucket table and chunk pool stay O(n)); events
        // past the last one stay in the overflow and are spread again, with their own width, when the buckets run out.
        long span = max - min;
        double offsets = 0;
        for (int i = 0; i < n; i++)
        {
            offsets += _overflow[i].Time - min;
        }

        long perBucket = (long)Math.Max(1, offsets * TargetPerBucket / ((double)n * n));
        _shift = 63 - BitOperations.LeadingZeroCount((ulong)perBucket);
        int buckets = (int)Math.Min((span >> _shift) + 1, Math.Min(MaxBuckets, BucketsPerSpread * (long)n / TargetPerBucket));
        _base = min;
        _nextBucket = 0;
        _boundary = min;
        if (_head.Length < buckets)
        {
            int old = _head.Length;
            int size = Math.Max(buckets, old * 2);
            Array.Resize(ref _head, size);
            Array.Resize(ref _tail, size);
            Array.Fill(_head, -1, old, size - old);
            Array.Resize(ref _tailFill, size);
        }

        _bucketsInUse = buckets;
        int kept = 0;
        for (int i = 0; i < n; i++)
        {
            ref Entry e = ref _overflow[i];
            long index = (e.Time - min) >> _shift;
            if (index < buckets)
            {
                Append((int)index) = e;
            }
            else
            {
                _overflowMin = Math.Min(_overflowMin, e.Time);
                _overflowMax = Math.Max(_overflowMax, e.Time);
                _overflow[kept++] = e;
            }
        }

        Array.Clear(_overflow, kept, n - kept);
        _overflowCount = kept;
    }
}
