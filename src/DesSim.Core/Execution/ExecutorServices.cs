using DesSim.Core.Hardware;

namespace DesSim.Core.Execution;

/// <summary>What the replicas, their stages and the KV hand-off coordinator share during one run: the run-wide settings,
/// the observer, the network, the pricer, the request ledger, the disaggregation runtime and the KV tiers' builder.</summary>
/// <remarks>Why a class of its own: the domain handlers reach these, never the <see cref="ServingSimulation"/> that
/// wires them, so each handler can be built and driven alone (on a <c>FakeSimContext</c> in unit tests).</remarks>
internal sealed class ExecutorServices(ServingConfig cluster, IServingObserver observer, ITransferNetwork network, RequestLedger requests,
    DisaggregationRuntime? disaggregation = null, KvTierFabric? tierFabric = null)
{
    private long _microBatches;

    /// <summary>Run-wide settings (stragglers and noise read them; each replica has its pool's own config).</summary>
    public ServingConfig Cluster { get; } = cluster;

    /// <summary>Receives every callback.</summary>
    public IServingObserver Observer { get; } = observer;

    /// <summary>Carries pipeline activations and KV transfers.</summary>
    public ITransferNetwork Network { get; } = network;

    /// <summary>Prices micro-batches.</summary>
    public BatchPricer Pricer { get; } = new();

    /// <summary>Requests in and out.</summary>
    public RequestLedger Requests { get; } = requests;

    /// <summary>Disaggregated serving state, or null when every pool is colocated.</summary>
    public DisaggregationRuntime? Disaggregation { get; } = disaggregation;

    /// <summary>The KV tiers' builder, or null when no pool has tiers.</summary>
    public KvTierFabric? TierFabric { get; } = tierFabric;

    /// <summary>The run-wide number of the next micro-batch launched (timeline spans name it).</summary>
    public long NextMicroBatchNumber() => _microBatches++;
}
