using System.Globalization;
using DesSim.Core.Configuration;
using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Scenarios;
using DesSim.Engine;
using YamlDotNet.RepresentationModel;

namespace DesSim.Core.Parallelism;

/// <summary>A validated deployment: stages, GPU placement, memory plan, cost model and transfer network of a <see cref="DeploymentSpec"/>.</summary>
/// <remarks>
/// GPU placement: replica r uses GPUs <c>r·G … (r+1)·G − 1</c> (G = tp·pp·cp); stage s of a replica uses the tp·cp GPUs
/// starting at <c>r·G + s·tp·cp</c>: CP rank j holds the TP group of tp consecutive GPUs at offset j·tp, so TP groups stay
/// inside a node whenever tp divides gpus_per_node. EP adds no GPUs (see <see cref="ExpertContextRules"/>).
/// <see cref="Notes"/> may grow while <see cref="CostModel"/> is used. Not thread-safe.
/// </remarks>
public sealed class Deployment
{
    private readonly RunNotes _notes;
    private readonly int[][] _gpuIds;

    private Deployment(DeploymentSpec spec, IReadOnlyList<StageSpec> stages, MemoryPlan memory, LayerShard shard, RunNotes notes)
    {
        Spec = spec;
        Stages = stages;
        Memory = memory;
        Shard = shard;
        _notes = notes;
        Topology = new Topology(spec.Cluster);
        int g = spec.Plan.GpusPerReplica;
        int width = spec.Plan.Tp * spec.Plan.Cp;
        _gpuIds = new int[spec.Plan.Dp * spec.Plan.Pp][];
        for (int r = 0; r < spec.Plan.Dp; r++)
        {
            for (int s = 0; s < spec.Plan.Pp; s++)
            {
                _gpuIds[(r * spec.Plan.Pp) + s] = Enumerable.Range((r * g) + (s * width), width).ToArray();
            }
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
    }

    /// <summary>The spec this deployment realizes.</summary>
    public DeploymentSpec Spec { get; }

    /// <summary>The model.</summary>
    public ModelSpec Model => Spec.Model;

    /// <summary>The GPU.</summary>
    public GpuSpec Gpu => Spec.Cluster.Gpu;

    /// <summary>The parallel plan.</summary>
    public ParallelPlan Plan => Spec.Plan;

    /// <summary>The cluster's links and routes.</summary>
    public Topology Topology { get; }

    /// <summary>Per-GPU memory and KV capacity.</summary>
    public MemoryPlan Memory { get; }

    /// <summary>Pipeline stages in order.</summary>
    public IReadOnlyList<StageSpec> Stages { get; }

    /// <summary>One layer as one TP rank holds it.</summary>
    public LayerShard Shard { get; }

    /// <summary>Prices a stage of a batch (allocation-free, memoized).</summary>
    public IStageCostModel CostModel { get; }

    /// <summary>Expert-parallel pricing (ep &gt; 1 on an MoE model), else null; the executor samples routing for it.</summary>
    public ExpertParallelCost? ExpertCost { get; }

    /// <summary>The TP all-reduce model the cost model uses.</summary>
    public TpCollectiveModel Collective { get; }

    /// <summary>Bytes per token crossing a stage boundary: hidden · activation bytes.</summary>
    public long ActivationBytesPerToken => (long)Model.HiddenSize * CostConstants.ActivationBytesPerElement;

    /// <summary>Warnings: KV-head replication, cost-model fallbacks (each kind once), approximations in use.</summary>
    public IReadOnlyList<string> Notes => _notes.All;

    /// <summary>Validates <paramref name="spec"/> and builds the deployment.</summary>
    /// <exception cref="InputException">The layout cannot run; the message carries the arithmetic and a hint.</exception>
    public static Deployment Create(DeploymentSpec spec)
    {
        var notes = new RunNotes();
        DeploymentValidator.Validate(spec, notes);
        var shard = new LayerShard(spec.Model, spec.Plan.Tp, spec.WeightPrecision, spec.KvPrecision, spec.Model.IsMoe ? spec.Plan.Ep : 1);
        var counts = spec.StageLayers?.ToArray() ?? StagePartitioner.Balance(spec.Model.NumLayers, spec.Plan.Pp, LmHeadLayers(spec.Model));
        var stages = new List<StageSpec>(counts.Length);
        int first = 0;
        for (int s = 0; s < counts.Length; s++)
        {
            stages.Add(new StageSpec(s, first, counts[s], s == 0, s == counts.Length - 1));
            first += counts[s];
        }

        var memory = MemoryPlanner.Plan(spec, shard, stages);
        return new Deployment(spec, stages, memory, shard, notes);
    }

    /// <summary>As <see cref="Create(DeploymentSpec)"/>, but errors name <paramref name="source"/>'s file and the line of the key at fault.</summary>
    public static Deployment Create(DeploymentSpec spec, YamlSection source)
    {
        try
        {
            return Create(spec);
        }
        catch (InputException e) when (e.Source is null)
        {
            // Why: "memory" is not a key; the parallelism (or model) line is where the user changes the layout.
            throw Locate(e, source, source.Has("parallelism") ? "parallelism" : "model");
        }
    }

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
    public int[] GpuIds(int replica, int stage)
    {
        if ((uint)replica >= (uint)Plan.Dp || (uint)stage >= (uint)Plan.Pp)
        {
            throw new ArgumentOutOfRangeException(nameof(replica), $"replica must be in 0..{Plan.Dp - 1}, stage in 0..{Plan.Pp - 1}");
        }

        return _gpuIds[(replica * Plan.Pp) + stage];
    }

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

    // The LM head's weight read in decoder-layer units (decode is weight-bandwidth bound).
    private static double LmHeadLayers(ModelSpec m) => (double)m.VocabSize * m.HiddenSize / m.ParametersPerLayer;

    private TpCollectiveModel CreateCollective()
    {
        int tp = Plan.Tp;
        var c = Spec.Cluster;
        var ids = _gpuIds[0][..tp];
        bool oneNode = ids[0] / c.GpusPerNode == ids[^1] / c.GpusPerNode;
        if (!oneNode)
        {
            return new TpCollectiveModel(tp, c.InterNode.BandwidthBytesPerSecond, CollectiveLatencies.NetworkStepSeconds, null, _notes);
        }

        var gpu = c.Gpu;
        double host = gpu.HostLinkBandwidthBytesPerSecond;
        double fabric = gpu.FabricBandwidthBytesPerSecond > 0 ? gpu.FabricBandwidthBytesPerSecond : host;
        return c.IntraNode switch
        {
            IntraNodeFabric.NvSwitch => new TpCollectiveModel(tp, fabric, CollectiveLatencies.NvLinkStepSeconds,
                Spec.CostModel == CostModelKind.Measured && gpu.ProfileKey is not null ? MeasuredProfiles.Nccl(gpu.ProfileKey) : null, _notes),
            IntraNodeFabric.NvLinkPairs when tp == 2 && ids[0] % 2 == 0 => new TpCollectiveModel(tp, fabric, CollectiveLatencies.NvLinkStepSeconds, null, _notes),
            // Why: a ring over the mesh would use one link per hop, but RCCL drives all t−1 peer links at once.
            IntraNodeFabric.Xgmi => new TpCollectiveModel(tp, fabric * (tp - 1), CollectiveLatencies.XgmiStepSeconds, null, _notes),
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
            var stage = _gpuIds[0];
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
        var domain = Enumerable.Range(0, d).SelectMany(r => _gpuIds[r * Plan.Pp]).ToArray();
        var link = GroupLinks.For(Spec, domain) with { Gpus = Plan.Ep };
        return new ExpertParallelCost(Shard, Stages.Select(s => s.LayerCount).ToArray(), _timer!, d, link);
    }

    private IKernelTimer? _timer;
}
