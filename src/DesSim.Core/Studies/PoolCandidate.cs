using DesSim.Core.Scenarios;

namespace DesSim.Core.Studies;

/// <summary>A pool layout that loads: the layout and the scenario that runs it (validated like a scenario file).</summary>
public sealed record PoolCandidate(PoolLayout Layout, Scenario Scenario);
