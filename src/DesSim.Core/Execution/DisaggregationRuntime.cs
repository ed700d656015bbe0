namespace DesSim.Core.Execution;

/// <summary>The disaggregation settings of a running simulation and its hand-off coordinator (set once the pools exist).</summary>
internal sealed class DisaggregationRuntime(DisaggregationConfig config)
{
    public DisaggregationConfig Config { get; } = config;

    public bool Layerwise => Config.Mode == KvTransferMode.Layerwise;

    public KvTransferCoordinator Coordinator { get; set; } = null!;
}
