using DesSim.Core.Cost;

namespace DesSim.Core.Scheduling;

/// <summary>What a batching policy decided for one micro-batch: the items and the preemptions it made.</summary>
/// <remarks>Reused across iterations (call <see cref="Clear"/>); <see cref="Shape"/> mirrors the items for the cost model.</remarks>
public sealed class BatchPlan
{
    /// <summary>The items, prefills and decodes.</summary>
    public List<BatchItem> Items { get; } = [];

    /// <summary>The aggregate shape for pricing.</summary>
    public BatchShape Shape { get; } = new();

    /// <summary>Sequences preempted while forming this batch.</summary>
    public List<Sequence> Preempted { get; } = [];

    /// <summary>Sequences admitted from the waiting queue while forming this batch.</summary>
    public List<Sequence> Admitted { get; } = [];

    /// <summary>Whether the plan has any work.</summary>
    public bool IsEmpty => Items.Count == 0;

    /// <summary>Empties the plan.</summary>
    public void Clear()
    {
        Items.Clear();
        Shape.Clear();
        Preempted.Clear();
        Admitted.Clear();
    }

    /// <summary>Adds a prefill chunk.</summary>
    public void AddPrefill(Sequence s, int newTokens)
    {
        Items.Add(new BatchItem(s, newTokens, s.ContextTokens, true));
        Shape.AddPrefill(newTokens, s.ContextTokens);
    }

    /// <summary>Adds a decode step.</summary>
    public void AddDecode(Sequence s)
    {
        Items.Add(new BatchItem(s, 1, s.ContextTokens, false));
        Shape.AddDecode(s.ContextTokens);
    }
}
