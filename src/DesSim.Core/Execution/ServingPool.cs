using DesSim.Core.Parallelism;

namespace DesSim.Core.Execution;

/// <summary>One pool of identical instances as the executor sees it: a name, a role, the GPU it runs on and the executor
/// configuration of its instances (cost model, KV capacity, engine overheads, GPU ids).</summary>
/// <param name="Name">The pool's name in outputs.</param>
/// <param name="Role">Colocated, prefill or decode.</param>
/// <param name="GpuName">The GPU model of the pool's node group.</param>
/// <param name="Config">The configuration of the pool's instances; <see cref="ServingConfig.StageGpuIds"/> holds global GPU ids.</param>
public sealed record ServingPool(string Name, PoolRole Role, string GpuName, ServingConfig Config);
