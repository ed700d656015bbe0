namespace DesSim.Core.Parallelism;

/// <summary>One pool of identical serving instances on one node group: its role and layout (unvalidated).</summary>
/// <param name="Role">What the pool does.</param>
/// <param name="Group">Index of the node group it runs on (<c>cluster.node_groups</c> order).</param>
/// <param name="Instances">Instances (data-parallel replicas) in the pool.</param>
/// <param name="Tp">Tensor-parallel degree of each instance.</param>
/// <param name="Pp">Pipeline-parallel degree of each instance.</param>
/// <param name="KeyPath">The scenario key the pool comes from (e.g. <c>disaggregation.prefill</c>), for error messages.</param>
public sealed record PoolSpec(PoolRole Role, int Group, int Instances, int Tp, int Pp, string KeyPath)
{
    /// <summary>GPUs of one instance.</summary>
    public int GpusPerInstance => Tp * Pp;

    /// <summary>The pool's name in outputs: its role in lower case (<c>prefill</c>, <c>decode</c>), or <c>group{N}</c> for a
    /// colocated pool.</summary>
    public string Name => Role == PoolRole.Colocated ? $"group{Group}" : Role.ToString().ToLowerInvariant();
}
