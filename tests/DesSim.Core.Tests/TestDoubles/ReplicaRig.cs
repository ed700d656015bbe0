using DesSim.Core.Cost;
using DesSim.Core.Execution;
using DesSim.Core.Scheduling;
using DesSim.Core.Workload;
using DesSim.Engine;
using DesSim.Engine.Testing;

namespace DesSim.Core.Tests.TestDoubles;

/// <summary>One replica (its <see cref="ReplicaEngine"/> and <see cref="StageServer"/>s) wired on a
/// <see cref="FakeSimContext"/> with test doubles and no <see cref="ServingSimulation"/>: a unit test drives its events by hand.</summary>
internal sealed class ReplicaRig
{
    /// <summary>Builds a TP1 replica of <paramref name="pp"/> stages priced by <paramref name="cost"/>; activations of
    /// <paramref name="activationBytesPerToken"/> cross each stage boundary after <paramref name="linkLatencySeconds"/> +
    /// bytes / <paramref name="linkBytesPerSecond"/>.</summary>
    public ReplicaRig(IStageCostModel cost, int pp = 1, long activationBytesPerToken = 0, double linkLatencySeconds = 0, double linkBytesPerSecond = 1e9, IServingObserver? observer = null)
    {
        Observer = observer ?? Recorder;
        var ids = new[] { Enumerable.Range(0, pp).Select(s => new[] { s }).ToArray() };
        Config = new ServingConfig(ids, pp, cost, activationBytesPerToken, 10_000, 16, new SchedulerConfig(), RouterKind.RoundRobin);
        var network = new FixedDelayNetwork(Ctx, linkLatencySeconds, linkBytesPerSecond).AsNetwork();
        Requests = new RequestLedger(Ctx, Observer, Done.Add);
        Replica = new ReplicaEngine(Ctx, new ExecutorServices(Config, Observer, network, Requests), 0, 0, Config);
    }

    public FakeSimContext Ctx { get; } = new();

    public RecordingObserver Recorder { get; } = new();

    public IServingObserver Observer { get; }

    public ServingConfig Config { get; }

    public RequestLedger Requests { get; }

    public ReplicaEngine Replica { get; }

    /// <summary>Ids of the requests the ledger reported done (the arrival driver's side).</summary>
    public List<long> Done { get; } = [];

    /// <summary>Routes request <paramref name="id"/> (<paramref name="prompt"/> + <paramref name="output"/> tokens) to the replica now.</summary>
    public Sequence Enqueue(long id, int prompt, int output)
    {
        var s = new Sequence(new RequestSpec(id, Ctx.Now, prompt, output), 0, Ctx.Now);
        Requests.Arrive(s);
        Replica.Enqueue(s);
        return s;
    }
}
