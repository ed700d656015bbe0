namespace DesSim.Core.Scenarios;

/// <summary>A progress report of a running simulation.</summary>
/// <param name="SimulatedSeconds">Simulated time reached.</param>
/// <param name="RequestsDone">Requests completed or rejected.</param>
/// <param name="RequestsExpected">Requests the workload will offer, when known.</param>
public readonly record struct RunProgress(double SimulatedSeconds, long RequestsDone, long? RequestsExpected);
