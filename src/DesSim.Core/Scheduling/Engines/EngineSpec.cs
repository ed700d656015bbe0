using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Scheduling.Engines;

/// <summary>The <c>engine:</c> key as read, before the deployment is known (see <see cref="EngineReader"/>).</summary>
/// <param name="Name">Engine name.</param>
/// <param name="RequestedVersion">Version as written, or null.</param>
/// <param name="Model">The modeled version that runs it.</param>
/// <param name="Note">Why the modeled version differs, or null.</param>
/// <param name="Options">The <c>options</c> mapping, or null.</param>
/// <param name="Overrides">CPU-time overrides (<c>iteration_overhead_ms</c>, <c>per_sequence_overhead_ms</c>,
/// <c>collective_step_overhead_us</c>), or null.</param>
/// <param name="BaseOverheads">Overheads to start from instead of the model's (a legacy preset), or null.</param>
public sealed record EngineSpec(string Name, string? RequestedVersion, EngineModel Model, string? Note, YamlSection? Options, YamlSection? Overrides, EngineOverheads? BaseOverheads);
