namespace DesSim.Core.Parallelism;

/// <summary>Counts the <see cref="DeploymentPlan"/>s built while it is open (<see cref="DeploymentPlan.CountBuilds"/>), in
/// the flow that opened it and the parallel work that flow starts; disposing it restores the enclosing counter.</summary>
public sealed class PlanBuildCounter : IDisposable
{
    private readonly PlanBuildCounter? _outer;
    private readonly Action<PlanBuildCounter?> _restore;
    private int _builds;

    internal PlanBuildCounter(PlanBuildCounter? outer, Action<PlanBuildCounter?> restore)
    {
        _outer = outer;
        _restore = restore;
    }

    /// <summary>Plans built so far while this counter was open.</summary>
    public int Count => Volatile.Read(ref _builds);

    /// <inheritdoc />
    public void Dispose() => _restore(_outer);

    internal void Increment()
    {
        Interlocked.Increment(ref _builds);
        _outer?.Increment();
    }
}
