using System.Collections.Concurrent;
using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Model;

namespace DesSim.Core.Parallelism;

/// <summary>A validated layout, planned once: stages, GPU placement, memory plan, layer shard and topology of a
/// <see cref="DeploymentSpec"/>. Immutable and thread-safe; every run of the layout (replications, capacity probes, parallel
/// sweep workers) shares it and leases a <see cref="Deployment"/> (its cost model) from it.</summary>
/// <remarks>
/// Lifecycle: <see cref="Create(DeploymentSpec)"/> validates the spec (an impossible layout or a model that does not fit throws
/// <see cref="InputException"/>) and plans it; this is the only place a layout is validated and planned
/// (<see cref="CountBuilds"/> counts it). A run calls <see cref="Rent"/> for a deployment, prices with its cost model, and
/// hands it back with <see cref="Return"/>. A deployment is used by one run at a time; the plan keeps the returned ones
/// so the next run's cost model starts with the memos of the earlier runs (a memo returns exactly what a fresh model
/// computes, <c>CostMemoTests</c>, so results do not depend on which deployment a run gets), and each deployment's
/// notes are rewound on return to those of a fresh one, so a run's notes are its own.
/// GPU placement: replica r uses GPUs <c>r·G … (r+1)·G − 1</c> (G = tp·pp·cp); stage s of a replica uses the tp·cp GPUs
/// starting at <c>r·G + s·tp·cp</c>: CP rank j holds the TP group of tp consecutive GPUs at offset j·tp, so TP groups stay
/// inside a node whenever tp divides gpus_per_node. EP adds no GPUs (see <see cref="ExpertContextRules"/>).
/// </remarks>
public sealed class DeploymentPlan
{
    private static readonly AsyncLocal<PlanBuildCounter?> Counter = new();

    private readonly int[][] _gpuIds;
    private readonly ConcurrentBag<Deployment> _idle = [];

    private DeploymentPlan(DeploymentSpec spec, IReadOnlyList<StageSpec> stages, MemoryPlan memory, LayerShard shard, IReadOnlyList<string> notes)
    {
        Spec = spec;
        Stages = stages;
        Memory = memory;
        Shard = shard;
        ValidationNotes = notes;
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
    }

    /// <summary>The spec this plan realizes.</summary>
    public DeploymentSpec Spec { get; }

    /// <summary>The model.</summary>
    public ModelSpec Model => Spec.Model;

    /// <summary>The GPU.</summary>
    public GpuSpec Gpu => Spec.Cluster.Gpu;

    /// <summary>The parallel plan.</summary>
    public ParallelPlan Plan => Spec.Plan;

    /// <summary>The cluster's links and routes (read-only after construction).</summary>
    public Topology Topology { get; }

    /// <summary>Per-GPU memory and KV capacity.</summary>
    public MemoryPlan Memory { get; }

    /// <summary>Pipeline stages in order.</summary>
    public IReadOnlyList<StageSpec> Stages { get; }

    /// <summary>One layer as one TP rank holds it.</summary>
    public LayerShard Shard { get; }

    /// <summary>The warnings validation raised (KV-head replication and the like), in order.</summary>
    public IReadOnlyList<string> ValidationNotes { get; }

    /// <summary>Bytes per token crossing a stage boundary: hidden · activation bytes.</summary>
    public long ActivationBytesPerToken => (long)Model.HiddenSize * CostConstants.ActivationBytesPerElement;

    /// <summary>Validates <paramref name="spec"/> and plans it.</summary>
    /// <exception cref="InputException">The layout cannot run; the message carries the arithmetic and a hint.</exception>
    public static DeploymentPlan Create(DeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Counter.Value?.Increment();

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
        return new DeploymentPlan(spec, stages, memory, shard, notes.All.ToArray());
    }

    /// <summary>As <see cref="Create(DeploymentSpec)"/>, but errors name <paramref name="source"/>'s file and the line of the key at fault.</summary>
    public static DeploymentPlan Create(DeploymentSpec spec, Configuration.YamlSection source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return Create(spec);
        }
        catch (InputException e) when (e.Source is null)
        {
            throw Locate(e, source);
        }
    }

    /// <summary>A layout error <paramref name="e"/> (no file yet) at the line of its key in <paramref name="source"/>.</summary>
    public static InputException Locate(InputException e, Configuration.YamlSection source)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(source);
        // Why: "memory" is not a key; the parallelism (or model) line is where the user changes the layout.
        return Deployment.Locate(e, source, source.Has("parallelism") ? "parallelism" : "model");
    }

    /// <summary>Counts the plans built (<see cref="Create(DeploymentSpec)"/> calls) by the calling flow, including the parallel work it
    /// starts, until the returned scope is disposed: how a test proves a study plans each layout once.</summary>
    public static PlanBuildCounter CountBuilds()
    {
        var counter = new PlanBuildCounter(Counter.Value, c => Counter.Value = c);
        Counter.Value = counter;
        return counter;
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

    /// <summary>A deployment of this plan for one run: an idle one handed back by an earlier run, else a new one.</summary>
    /// <remarks>Thread-safe. Hand it back with <see cref="Return"/> when the run is done with its cost model.</remarks>
    public Deployment Rent() => _idle.TryTake(out var d) ? d : new Deployment(this);

    /// <summary>Hands <paramref name="deployment"/> (from <see cref="Rent"/>) back for the next run, its notes rewound.</summary>
    /// <exception cref="ArgumentException">It was rented from another plan.</exception>
    public void Return(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (!ReferenceEquals(deployment.DeploymentPlan, this))
        {
            throw new ArgumentException("the deployment belongs to another plan", nameof(deployment));
        }

        deployment.Rewind();
        _idle.Add(deployment);
    }

    // The LM head's weight read in decoder-layer units (decode is weight-bandwidth bound).
    private static double LmHeadLayers(ModelSpec m) => (double)m.VocabSize * m.HiddenSize / m.ParametersPerLayer;
}
