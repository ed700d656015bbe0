using System.Globalization;
using DesSim.Core.Configuration;
using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Scenarios;
using DesSim.Engine;
using YamlDotNet.RepresentationModel;

namespace DesSim.Core.Parallelism;

/// <summary>A run's deployment of a <see cref="Parallelism.DeploymentPlan"/>: the plan's stages, placement and memory plan, with
/// the cost model and transfer network that price them.</summary>
/// <remarks>
/// Leased from its plan (<see cref="DeploymentPlan.Rent"/>) by one run at a time: the cost model's memos and
/// <see cref="Notes"/> grow while it prices, so a deployment is not thread-safe; the plan is. <see cref="Notes"/> holds the
/// plan's validation notes, then those the cost model raised while being built, then those of the current run.
/// </remarks>
public sealed class Deployment
{
    private readonly RunNotes _notes;
    private readonly int _baselineNotes;

    internal Deployment(DeploymentPlan plan)
    {
        DeploymentPlan = plan;
        var spec = plan.Spec;
        _notes = new RunNotes();
        foreach (var note in plan.ValidationNotes)
        {
            _notes.Once("validation:" + note, note);
        }

        Collective = CreateCollective();
        if (spec.AllReduce != AllReduceImplementation.Nccl && Spec.CostModel == CostModelKind.Measured && Gpu.ProfileKey is not null
            && spec.Cluster.IntraNode == IntraNodeFabric.NvSwitch && Collective.UsesMeasuredTable)
        {
            // Why: the engines' own all-reduce needs NVLink peer access inside one node; CreateCollective gives the NCCL
            // table only to such groups (NVSwitch, one node), and only there does a measured custom table apply.
            Collective = Collective.WithImplementation(spec.AllReduce, MeasuredProfiles.CustomAllReduce(Gpu.ProfileKey), fullNvLink: true);
        }

        if (spec.Calibration?.Collective("all_reduce", spec.Plan.Tp) is { } allReduce)
        {
            Collective = Collective.WithCalibration(allReduce.Seconds);
        }

        CostModel = CreateCostModel();
        ExpertCost = CreateExpertCost();
        _baselineNotes = _notes.All.Count;
    }

    /// <summary>The validated plan this deployment realizes (shared by every run of the layout).</summary>
    public DeploymentPlan DeploymentPlan { get; }

    /// <summary>The spec this deployment realizes.</summary>
    public DeploymentSpec Spec => DeploymentPlan.Spec;

    /// <summary>The model.</summary>
    public ModelSpec Model => Spec.Model;

    /// <summary>The GPU.</summary>
    public GpuSpec Gpu => Spec.Cluster.Gpu;

    /// <summary>The parallel plan.</summary>
    public ParallelPlan Plan => Spec.Plan;

    /// <summary>The cluster's links and routes.</summary>
    public Topology Topology => DeploymentPlan.Topology;

    /// <summary>Per-GPU memory and KV capacity.</summary>
    public MemoryPlan Memory => DeploymentPlan.Memory;

    /// <summary>Pipeline stages in order.</summary>
    public IReadOnlyList<StageSpec> Stages => DeploymentPlan.Stages;

    /// <summary>One layer as one TP rank holds it.</summary>
    public LayerShard Shard => DeploymentPlan.Shard;

    /// <summary>Prices a stage of a batch (allocation-free, memoized).</summary>
    public IStageCostModel CostModel { get; }

    /// <summary>Expert-parallel pricing (ep &gt; 1 on an MoE model), else null; the executor samples routing for it.</summary>
    public ExpertParallelCost? ExpertCost { get; }

    /// <summary>The TP all-reduce model the cost model uses.</summary>
    public TpCollectiveModel Collective { get; }

    /// <summary>Bytes per token crossing a stage boundary: hidden · activation bytes.</summary>
    public long ActivationBytesPerToken => DeploymentPlan.ActivationBytesPerToken;

    /// <summary>Warnings: KV-head replication, cost-model fallbacks (each kind once), approximations in use.</summary>
    public IReadOnlyList<string> Notes => _notes.All;

    /// <summary>Validates and plans <paramref name="spec"/> (<see cref="DeploymentPlan.Create(DeploymentSpec)"/>) and builds a deployment of
    /// it, for one-off use (a benchmark, <c>dessim memory</c>); runs lease theirs from a shared plan.</summary>
    /// <exception cref="InputException">The layout cannot run; the message carries the arithmetic and a hint.</exception>
    public static Deployment Create(DeploymentSpec spec) => new(DeploymentPlan.Create(spec));

    /// <summary><paramref name="e"/> (no file yet) as an error at the line of its key in <paramref name="source"/>; a location that is
    /// not a key (none, or "memory") points at <paramref name="fallbackKey"/>.</summary>
    public static InputException Locate(InputException e, YamlSection source, string fallbackKey)
    {
        var path = e.Location is null or "memory" ? fallbackKey : e.Location;
        YamlNode node = source.Node;
        foreach (var part in path.Split('.'))
        {
            if (node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(part), out var child))
            {
                node = child;
            }
            else
            {
                break;
            }
        }

        return source.Error(node, e.Location ?? path, e.Reason, e.Hint);
    }

    /// <summary>Global GPU ids of the TP (× CP) ranks of <paramref name="stage"/> in <paramref name="replica"/> (shared array: do not modify).</summary>
    public int[] GpuIds(int replica, int stage) => DeploymentPlan.GpuIds(replica, stage);

    /// <summary>A transfer network over <see cref="Topology"/> on <paramref name="ctx"/>: closed form or link level per the spec.</summary>
    public ITransferNetwork CreateNetwork(ISimContext ctx) => Spec.LinkFidelity == LinkFidelity.LinkLevel
        ? new LinkLevelNetwork(ctx, Topology)
        : new ClosedFormNetwork(ctx, Topology);

    /// <summary>One line: model, precision, cluster, plan, cost model, links and KV capacity.</summary>
    public string Describe()
    {
        var c = Spec.Cluster;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Model.Name} {Spec.WeightPrecision} (KV {Spec.KvPrecision}) on {c.Nodes}x{c.GpusPerNode} {Gpu.Name} ({FabricNames.Name(c.IntraNode)}{(c.Nodes > 1 ? ", " + c.InterNode.Name : string.Empty)}), "
            + $"{Plan}, layers/stage [{string.Join(",", Stages.Select(s => s.LayerCount))}], {(Spec.CostModel == CostModelKind.Measured ? "measured" : "roofline")} cost, "
            + $"{(Spec.LinkFidelity == LinkFidelity.LinkLevel ? "link-level" : "closed-form")} links, KV {Memory.KvCapacityTokensPerReplica:N0} tokens/replica ({Memory.KvBlocksPerReplica:N0} blocks of {Memory.BlockSizeTokens})");
    }

    /// <summary>Drops the notes of the run that used this deployment (back to those of a fresh one).</summary>
    internal void Rewind() => _notes.RewindTo(_baselineNotes);

    private TpCollectiveModel CreateCollective()
    {
        int tp = Plan.Tp;
        var c = Spec.Cluster;
        var ids = GpuIds(0, 0)[..tp];
        bool oneNode = ids[0] / c.GpusPerNode == ids[^1] / c.GpusPerNode;
        if (!oneNode)
        {
            return new TpCollectiveModel(tp, c.InterNode.Bandwidth, CollectiveLatencies.NetworkStepSeconds, null, _notes);
        }

        var gpu = c.Gpu;
        var host = gpu.HostLinkBandwidth;
        var fabric = gpu.PeerBandwidth;
        return c.IntraNode switch
        {
            IntraNodeFabric.NvSwitch => new TpCollectiveModel(tp, fabric, CollectiveLatencies.NvLinkStepSeconds,
                Spec.CostModel == CostModelKind.Measured && gpu.ProfileKey is not null ? MeasuredProfiles.Nccl(gpu.ProfileKey) : null, _notes),
            IntraNodeFabric.NvLinkPairs when tp == 2 && ids[0] % 2 == 0 => new TpCollectiveModel(tp, fabric, CollectiveLatencies.NvLinkStepSeconds, null, _notes),
            // Why: a ring over the mesh would use one link per hop, but RCCL drives all t−1 peer links at once.
            IntraNodeFabric.Xgmi => new TpCollectiveModel(tp, fabric.Scaled(tp - 1), CollectiveLatencies.XgmiStepSeconds, null, _notes),
            _ => new TpCollectiveModel(tp, host, CollectiveLatencies.PcieStepSeconds, null, _notes),
        };
    }

    private StageCostModel CreateCostModel()
    {
        var roofline = new RooflineKernelTimer(Gpu, Spec.WeightPrecision);
        IKernelTimer timer = roofline;
        if (Spec.CostModel == CostModelKind.Measured)
        {
            var dtype = Spec.WeightPrecision.BytesPerElement == 1 ? "fp8" : "bf16";
            var table = Gpu.ProfileKey is null ? null : MeasuredProfiles.Gemm(Gpu.ProfileKey, dtype);
            if (table is null)
            {
                _notes.Once("no-tables", $"no measured {dtype} GEMM tables for {Gpu.Name}; using roofline");
            }
            else
            {
                var kv = Spec.KvPrecision.BytesPerElement == 1 ? "fp8" : "bf16";
                AttentionTable? context = null, generation = null;
                if (Model.HeadDim == 128)
                {
                    context = MeasuredProfiles.Attention(Gpu.ProfileKey!, true, kv, Shard.HeadsPerRank, Shard.KvHeadsPerRank);
                    generation = MeasuredProfiles.Attention(Gpu.ProfileKey!, false, kv, Shard.HeadsPerRank, Shard.KvHeadsPerRank);
                }

                timer = new MeasuredKernelTimer(table, roofline, _notes, context, generation);
            }
        }

        if (Spec.Calibration is { } calibration)
        {
            timer = new CalibratedKernelTimer(timer, calibration, Gpu, Spec.WeightPrecision);
        }

        _timer = timer;
        GroupLink? ring = null;
        if (Plan.Cp > 1)
        {
            var stage = GpuIds(0, 0);
            ring = GroupLinks.For(Spec, Enumerable.Range(0, Plan.Cp).Select(j => stage[j * Plan.Tp]).ToArray());
        }

        return new StageCostModel(Shard, Stages.Select(s => s.LayerCount).ToArray(), timer, Collective, ring, roofline);
    }

    private ExpertParallelCost? CreateExpertCost()
    {
        if (!Model.IsMoe || Plan.Ep <= 1)
        {
            return null;
        }

        // The EP domain: stage 0 of the first d replicas (d = ep/tp when ep > tp).
        int d = ExpertContextRules.ReplicasPerExpertDomain(Plan);
        var domain = Enumerable.Range(0, d).SelectMany(r => GpuIds(r, 0)).ToArray();
        var link = GroupLinks.For(Spec, domain) with { Gpus = Plan.Ep };
        return new ExpertParallelCost(Shard, Stages.Select(s => s.LayerCount).ToArray(), _timer!, d, link);
    }

    private IKernelTimer? _timer;
}
