namespace DesSim.Core.Scheduling;

/// <summary>An entry of an <see cref="LruList{T}"/>: its neighbours toward the least and the most recently used end.</summary>
/// <typeparam name="T">The entry type.</typeparam>
internal interface ILruNode<T>
    where T : class, ILruNode<T>
{
    /// <summary>The next older entry (toward the LRU head), while listed.</summary>
    T? Older { get; set; }

    /// <summary>The next newer entry (toward the MRU tail), while listed.</summary>
    T? Newer { get; set; }
}
