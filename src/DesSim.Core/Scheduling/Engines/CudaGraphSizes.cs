namespace DesSim.Core.Scheduling.Engines;

/// <summary>The decode batch sizes an engine captured as CUDA graphs, and whether it pads a batch up to the next one.</summary>
/// <remarks>A decode-only batch of n sequences with n ≤ the largest size runs the graph of the smallest captured size ≥ n
/// when padding is on (the extra rows are dummy sequences: their GEMM rows are paid, their attention is empty), or the
/// graph of exactly n when n was captured; otherwise it runs eagerly at n. Mixed prefill/decode batches are priced at
/// their own size (vLLM's piecewise graphs also pad their token count; not modeled).</remarks>
public sealed class CudaGraphSizes
{
    private readonly int[] _sizes;

    /// <summary>Creates the list from <paramref name="sizes"/> (any order; duplicates dropped).</summary>
    public CudaGraphSizes(IEnumerable<int> sizes, bool padding)
    {
        _sizes = sizes.Where(s => s > 0).Distinct().Order().ToArray();
        Padding = padding;
    }

    /// <summary>No graphs: every batch runs eagerly at its own size.</summary>
    public static readonly CudaGraphSizes None = new([], false);

    /// <summary>Captured sizes, ascending.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>Whether a batch is padded up to the next captured size.</summary>
    public bool Padding { get; }

    /// <summary>Largest captured size, 0 when none.</summary>
    public int MaxSize => _sizes.Length == 0 ? 0 : _sizes[^1];

    /// <summary>The batch size a decode-only batch of <paramref name="sequences"/> runs at: the next captured size when
    /// padding is on and one is ≥ <paramref name="sequences"/>, else <paramref name="sequences"/> itself (eager, or an exact graph).</summary>
    public int PaddedSize(int sequences)
    {
        if (!Padding || sequences > MaxSize)
        {
            return sequences;
        }

        int i = Array.BinarySearch(_sizes, sequences);
        return i >= 0 ? sequences : _sizes[~i];
    }

    /// <summary>Whether a decode-only batch of <paramref name="sequences"/> replays a graph (false: eager).</summary>
    public bool RunsGraph(int sequences) => Padding ? sequences <= MaxSize : Array.BinarySearch(_sizes, sequences) >= 0;

    /// <summary>Sizes <c>[1, 2, 4] + range(8, upTo + 1, 8)</c>, capped at <paramref name="max"/> (vLLM's step-8 pattern).</summary>
    internal static IEnumerable<int> Step8(int upTo, int max) =>
        new[] { 1, 2, 4 }.Concat(Enumerable.Range(1, Math.Max(0, upTo / 8)).Select(i => i * 8)).Where(s => s <= max);

    /// <summary>A compact description, e.g. "1,2,4,8..512 (67 sizes), padded".</summary>
    public override string ToString() => _sizes.Length == 0
        ? "none (eager)"
        : $"{string.Join(',', _sizes.Take(4))}..{MaxSize} ({_sizes.Length} sizes), {(Padding ? "padded to the next size" : "exact sizes only")}";
}
