using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Scenarios;

/// <summary>A finished run: the scenario, its planned deployment, the result and the events processed.</summary>
public sealed record ScenarioRun(Scenario Scenario, Deployment Deployment, RunResult Result, long EventsProcessed);
