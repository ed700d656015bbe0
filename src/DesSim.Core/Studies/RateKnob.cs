using DesSim.Core.Scenarios;
using DesSim.Core.Workload;

namespace DesSim.Core.Studies;

/// <summary>The load knob of a scenario: the synthetic arrival rate (requests/s) or a trace's replay rate scale.</summary>
/// <remarks>Capacity search moves this knob. Synthetic processes with a mean rate (poisson, gamma, constant, diurnal)
/// use <c>workload.arrival.rate</c>; trace replay uses <c>workload.rate_scale</c>. Closed-loop, burst and piecewise
/// load have no single rate and are refused.</remarks>
public sealed record RateKnob(string KeyPath, double Current, bool IsRequestsPerSecond)
{
    /// <summary>The knob of <paramref name="scenario"/>.</summary>
    /// <exception cref="InputException">The workload has no single rate.</exception>
    public static RateKnob Of(Scenario scenario) => scenario.Workload switch
    {
        SyntheticWorkloadSpec { Arrival.Process: ArrivalProcess.Poisson or ArrivalProcess.Gamma or ArrivalProcess.Constant or ArrivalProcess.Diurnal } s =>
            new RateKnob("workload.arrival.rate", s.Arrival.RequestsPerSecond, true),
        TraceWorkloadSpec t => new RateKnob("workload.rate_scale", t.RateScale, false),
        _ => throw new InputException(scenario.SourcePath, "workload.arrival.process", "capacity search needs a load knob: a poisson, gamma, constant or diurnal arrival rate, or a trace (rate_scale)", "closed-loop, burst and piecewise load have no single rate"),
    };

    /// <summary><paramref name="scenario"/> with the knob set to <paramref name="value"/>.</summary>
    public static Scenario Apply(Scenario scenario, double value) => scenario.Workload switch
    {
        SyntheticWorkloadSpec s => ScenarioVariants.WithWorkload(scenario, s with { Arrival = s.Arrival with { RequestsPerSecond = value } }),
        TraceWorkloadSpec t => ScenarioVariants.WithWorkload(scenario, t with { RateScale = value }),
        _ => throw new InvalidOperationException("no rate knob"),
    };
}
