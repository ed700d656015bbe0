using System.Collections.Concurrent;

namespace DesSim.Core.Parallelism;

/// <summary>The deployment plans of one study, one per distinct <see cref="DeploymentSpec"/>: a scenario and every variant
/// derived from it share one cache, so a layout is validated and planned once however many runs, probes and workers use it.</summary>
/// <remarks>Thread-safe. Keyed by the spec's value (a record: every field takes part; lists compare by reference, so two
/// specs are only merged when they are certainly the same). A spec that fails validation fails the same way every time it is
/// asked for.</remarks>
public sealed class DeploymentPlanCache
{
    private readonly ConcurrentDictionary<DeploymentSpec, Lazy<DeploymentPlan>> _plans = new();

    /// <summary>Plans kept.</summary>
    public int Count => _plans.Count;

    /// <summary>The plan of <paramref name="spec"/>, built (<see cref="DeploymentPlan.Create(DeploymentSpec)"/>) the first time it is asked for.</summary>
    /// <exception cref="InputException">The layout cannot run.</exception>
    public DeploymentPlan Get(DeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return _plans.GetOrAdd(spec, s => new Lazy<DeploymentPlan>(() => DeploymentPlan.Create(s), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }
}
