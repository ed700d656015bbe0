using DesSim.Core.Scenarios;

namespace DesSim.Core.Studies;

/// <summary>An expanded, validated sweep: the base scenario, the grid, every point and a fingerprint of them all.</summary>
/// <remarks><see cref="Fingerprint"/> (16 hex digits of SHA-256 over every point's effective scenario and the replication
/// count) identifies the sweep: a resumed run or a shard merge refuses outputs with another fingerprint.
/// <see cref="RejectedLayouts"/> lists the layouts <c>layouts: all</c> dropped, with reasons.</remarks>
public sealed record SweepPlan(Scenario Base, SweepGrid Grid, IReadOnlyList<SweepPoint> Points, IReadOnlyList<string> RejectedLayouts, string Fingerprint);
