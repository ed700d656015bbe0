namespace DesSim.Core.Cost;

/// <summary>A small direct-mapped memo from a non-negative 64-bit key to a latency in seconds (NaN = "not covered").</summary>
/// <remarks>Used to skip repeated table interpolation for the same kernel shape; a colliding key simply overwrites the slot,
/// so lookups are one multiply and one compare, memory is fixed (<see cref="Slots"/> × 16 bytes), and results are exactly
/// those of the memoized function. Not thread-safe: one per cost model, i.e. per run.</remarks>
internal sealed class LatencyMemo
{
    /// <summary>Slots (a power of two): 4096 covers every decode batch size and common prefill token counts of a run.</summary>
    public const int Slots = 1 << SlotBits;

    private const int SlotBits = 12;
    private const ulong FibonacciMultiplier = 0x9E3779B97F4A7C15; // 2^64 / golden ratio (Knuth's multiplicative hashing)

    private readonly long[] _keys;
    private readonly double[] _values = new double[Slots];

    public LatencyMemo()
    {
        _keys = new long[Slots];
        Array.Fill(_keys, -1L);
    }

    /// <summary>Packs three non-negative 21-bit values into a key; -1 when one does not fit (the caller skips the memo).</summary>
    public static long Pack(long a, long b, long c)
    {
        const long Max = (1L << 21) - 1;
        return (ulong)a > Max || (ulong)b > Max || (ulong)c > Max ? -1 : (a << 42) | (b << 21) | c;
    }

    /// <summary>Looks <paramref name="key"/> up.</summary>
    public bool TryGet(long key, out double value)
    {
        int slot = SlotOf(key);
        value = _values[slot];
        return _keys[slot] == key;
    }

    /// <summary>Stores <paramref name="value"/> for <paramref name="key"/>, evicting whatever held its slot.</summary>
    public void Set(long key, double value)
    {
        int slot = SlotOf(key);
        _keys[slot] = key;
        _values[slot] = value;
    }

    private static int SlotOf(long key) => (int)(((ulong)key * FibonacciMultiplier) >> (64 - SlotBits));
}
