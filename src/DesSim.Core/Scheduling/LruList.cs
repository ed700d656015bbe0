namespace DesSim.Core.Scheduling;

/// <summary>An intrusive doubly linked list in recency order: O(1) append (most recent), unlink and take of the least
/// recent. Shared by the GPU prefix cache's evictable units and the KV tiers' entries.</summary>
/// <typeparam name="T">The entry type; an entry is in at most one list at a time.</typeparam>
internal sealed class LruList<T>
    where T : class, ILruNode<T>
{
    /// <summary>The least recently used entry, or null when empty.</summary>
    public T? Oldest { get; private set; }

    private T? _newest;

    /// <summary>Adds <paramref name="e"/> as the most recently used.</summary>
    public void Append(T e)
    {
        e.Older = _newest;
        e.Newer = null;
        if (_newest is null)
        {
            Oldest = e;
        }
        else
        {
            _newest.Newer = e;
        }

        _newest = e;
    }

    /// <summary>Removes <paramref name="e"/> (which is listed).</summary>
    public void Unlink(T e)
    {
        if (e.Older is null)
        {
            Oldest = e.Newer;
        }
        else
        {
            e.Older.Newer = e.Newer;
        }

        if (e.Newer is null)
        {
            _newest = e.Older;
        }
        else
        {
            e.Newer.Older = e.Older;
        }

        e.Older = e.Newer = null;
    }

    /// <summary>Empties the list (entries keep stale links; they must not be unlinked afterwards).</summary>
    public void Clear() => Oldest = _newest = null;

    /// <summary>Entries from least to most recently used.</summary>
    public IEnumerable<T> InOrder()
    {
        for (var e = Oldest; e is not null; e = e.Newer)
        {
            yield return e;
        }
    }
}
