using DesSim.Core.Scenarios;

namespace DesSim.Benchmarks;

/// <summary>What one measured scenario run cost.</summary>
/// <param name="Run">The run itself (its summary is printed as a checksum of the simulated result).</param>
/// <param name="WallSeconds">Wall-clock seconds of <see cref="ScenarioRunner.Run(Scenario, Action{RunProgress}?)"/>.</param>
/// <param name="CpuSeconds">Process CPU seconds during the run (all threads: JIT and GC included); on a shared machine
/// it shows how much of the wall time the run actually had a core.</param>
/// <param name="Gen0">Gen-0 collections during the run (gen-1 and gen-2 counts include the lower ones' triggers as the runtime counts them).</param>
/// <param name="Gen1">Gen-1 collections during the run.</param>
/// <param name="Gen2">Gen-2 collections during the run.</param>
/// <param name="AllocatedBytes">Bytes allocated during the run (all threads).</param>
/// <param name="PeakHeapBytes">Largest managed heap seen at the progress callbacks (every 10 simulated seconds) and at the end.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set so far (monotonic over the process).</param>
public sealed record Measurement(ScenarioRun Run, double WallSeconds, double CpuSeconds, int Gen0, int Gen1, int Gen2, long AllocatedBytes, long PeakHeapBytes, long PeakWorkingSetBytes);
