using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Scheduling.Engines;

/// <summary>The engine a scenario runs: the name and version it asked for, the modeled version that runs it, and the
/// settings resolved for its deployment.</summary>
/// <param name="Name">Engine name.</param>
/// <param name="RequestedVersion">The version the scenario wrote, or the modeled one when it wrote none.</param>
/// <param name="Model">The modeled version that runs it (<c>modeled_as</c> in summary.json).</param>
/// <param name="Settings">Scheduler, CUDA graphs, CPU time.</param>
/// <param name="Note">Why the modeled version differs from the requested one, or null.</param>
public sealed record EngineSelection(string Name, string RequestedVersion, EngineModel Model, EngineSettings Settings, string? Note)
{
    /// <summary>The CPU-side time and collective/KV rules of the run (after overrides).</summary>
    public EngineOverheads Overheads => Settings.Overheads;
}
