using DesSim.Core.Parallelism;

namespace DesSim.Core.Studies;

/// <summary>The capacity search result of one layout.</summary>
public sealed record LayoutCapacity(ParallelPlan Layout, CapacityResult Capacity);
