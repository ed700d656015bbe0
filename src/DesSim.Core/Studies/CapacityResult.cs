namespace DesSim.Core.Studies;

/// <summary>The outcome of a capacity search for one layout.</summary>
/// <remarks><see cref="Rate"/> is the highest knob value at which the SLO held (requests/s for synthetic load, a rate scale
/// for traces); 0 when it failed even at the lowest probe. <see cref="RequestsPerSecond"/> is the offered rate (synthetic)
/// or the measured request throughput there (trace). <see cref="Bounded"/> is false when the SLO still held at the largest
/// probe (the capacity is at least <see cref="Rate"/>). <see cref="Probes"/> lists every (rate, held) tried, in order;
/// <see cref="Simulations"/> counts the probes that ran a simulation (one per replication not counted), so a first probe
/// that took the plan's load point already simulated is in <see cref="Probes"/> only.</remarks>
public sealed record CapacityResult(
    double Rate,
    double RequestsPerSecond,
    double RequestsPerSecondPerGpu,
    int Simulations,
    bool Bounded,
    PointResult? AtCapacity,
    IReadOnlyList<(double Rate, bool Held)> Probes);
