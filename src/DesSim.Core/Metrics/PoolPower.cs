namespace DesSim.Core.Metrics;

/// <summary>Power of one pool of GPUs over a run (the <c>energy.pools</c> rows of <c>summary.json</c>).</summary>
/// <param name="Name"><c>serving</c> (the GPUs of the replicas) or <c>unused</c> (cluster GPUs outside the layout).</param>
/// <param name="Gpus">GPUs in the pool.</param>
/// <param name="EnergyJoules">Energy over the run's duration, J.</param>
/// <param name="AverageWatts">EnergyJoules / duration, W.</param>
/// <param name="PeakWatts">Highest mean power of the pool over one time bin, W.</param>
public sealed record PoolPower(string Name, int Gpus, double EnergyJoules, double AverageWatts, double PeakWatts);
