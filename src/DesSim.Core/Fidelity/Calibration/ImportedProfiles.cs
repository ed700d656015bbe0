using DesSim.Core.Cost;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>Everything <see cref="ProfileImporter"/> read: kernel and collective samples, and per-file notes.</summary>
/// <param name="Kernels">Kernel samples.</param>
/// <param name="Collectives">Collective samples.</param>
/// <param name="Files">One line per file: what was read or why it was skipped.</param>
public sealed record ImportedProfiles(IReadOnlyList<KernelSample> Kernels, IReadOnlyList<CollectiveSample> Collectives, IReadOnlyList<string> Files);
