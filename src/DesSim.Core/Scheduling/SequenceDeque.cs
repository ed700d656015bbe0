namespace DesSim.Core.Scheduling;

/// <summary>A growable ring-buffer deque of sequences (FIFO waiting queue; preempted sequences go back to the front).</summary>
public sealed class SequenceDeque
{
    private Sequence?[] _items = new Sequence?[64];
    private int _head;

    /// <summary>Number of sequences queued.</summary>
    public int Count { get; private set; }

    /// <summary>The i-th sequence from the front.</summary>
    public Sequence this[int index] =>
        (uint)index < (uint)Count ? _items[(_head + index) & (_items.Length - 1)]! : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Appends at the back.</summary>
    public void PushBack(Sequence s)
    {
        Grow();
        _items[(_head + Count) & (_items.Length - 1)] = s;
        Count++;
    }

    /// <summary>Inserts at the front.</summary>
    public void PushFront(Sequence s)
    {
        Grow();
        _head = (_head - 1) & (_items.Length - 1);
        _items[_head] = s;
        Count++;
    }

    /// <summary>The front sequence.</summary>
    public Sequence PeekFront() => Count > 0 ? _items[_head]! : throw new InvalidOperationException("the queue is empty");

    /// <summary>Removes and returns the front sequence.</summary>
    public Sequence PopFront()
    {
        var s = PeekFront();
        _items[_head] = null;
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
        return s;
    }

    /// <summary>Removes every sequence, returning them in order.</summary>
    public List<Sequence> DrainAll()
    {
        var all = new List<Sequence>(Count);
        while (Count > 0)
        {
            all.Add(PopFront());
        }

        return all;
    }

    private void Grow()
    {
        if (Count < _items.Length)
        {
            return;
        }

        var bigger = new Sequence?[_items.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = bigger;
        _head = 0;
    }
}
