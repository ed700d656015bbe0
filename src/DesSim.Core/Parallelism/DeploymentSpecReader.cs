using DesSim.Core.Configuration;
using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Scenarios;
using DesSim.Core.Units;

namespace DesSim.Core.Parallelism;

/// <summary>Reads a <see cref="DeploymentSpec"/> from a scenario's root mapping.</summary>
/// <remarks>
/// Keys: <c>model</c> (catalog name or inline config.json mapping), <c>precision</c>, <c>kv_cache_dtype</c>, <c>cluster</c>,
/// <c>parallelism</c>, <c>expert_routing</c>, <c>cost_model</c>, <c>link_model</c>, <c>stage_layers</c>, and <c>scheduler.block_size</c> /
/// <c>scheduler.gpu_memory_utilization</c>. Rejects unknown keys in the mappings it owns (cluster, parallelism, inline
/// model, inline gpu, inter_node) but not at the root or in <c>scheduler</c>, which other readers share.
/// </remarks>
public static class DeploymentSpecReader
{
    private static readonly string[] PrecisionNames = ["bf16", "fp16", "fp8"];
    private static readonly string[] KvNames = ["auto", "bf16", "fp16", "fp8"];

    /// <summary>The keys of the <c>scheduler</c> mapping this reader consumes (for another reader's <see cref="YamlSection.MarkKnown"/>).</summary>
    public static readonly string[] SchedulerKeys = ["block_size", "gpu_memory_utilization"];

    /// <summary>Reads the deployment keys of <paramref name="root"/>.</summary>
    /// <exception cref="InputException">A missing, malformed or unknown value, naming file, line and key path.</exception>
    public static DeploymentSpec Read(YamlSection root) => Read(root, null);

    /// <summary>Reads the deployment keys of <paramref name="root"/>, taking <c>block_size</c> and <c>gpu_memory_utilization</c> from
    /// <paramref name="scheduler"/> when given (so the caller's scheduler section sees them as read), else from <c>root.scheduler</c>.</summary>
    /// <exception cref="InputException">A missing, malformed or unknown value, naming file, line and key path.</exception>
    public static DeploymentSpec Read(YamlSection root, YamlSection? scheduler)
    {
        var model = ReadModel(root);
        var weights = Precision.TryParse(root.GetEnum("precision", PrecisionNames, "bf16"))!;
        var kvText = root.GetEnum("kv_cache_dtype", KvNames, "auto");
        // Why: vLLM's kv_cache_dtype=auto follows the model dtype; fp8 weights keep a 16-bit KV cache unless asked.
        var kv = kvText == "auto" ? (weights.Is16Bit ? weights : Precision.Bf16) : Precision.TryParse(kvText)!;
        var cluster = ReadCluster(root);
        var plan = ReadPlan(root);
        var costText = root.GetEnum("cost_model", ["measured", "roofline"], DeploymentSpec.DefaultCostModel(cluster.Gpu) == CostModelKind.Measured ? "measured" : "roofline");
        var linkText = root.GetEnum("link_model", ["closed-form", "link-level"], "closed-form");
        IReadOnlyList<int>? stageLayers = root.GetLongList("stage_layers", 1, int.MaxValue)?.Select(v => (int)v).ToArray();
        int blockSize = 16;
        double utilization = 0.9;
        bool utilizationGiven = false;
        scheduler ??= root.GetSection("scheduler");
        if (scheduler is not null)
        {
            blockSize = scheduler.GetInt("block_size", 16, 1, 1 << 20)!.Value;
            var given = scheduler.GetDouble("gpu_memory_utilization", null, 0, 1, exclusiveMin: true);
            utilizationGiven = given is not null;
            utilization = given ?? 0.9;
        }

        return new DeploymentSpec(model, weights, kv, cluster, plan,
            costText == "measured" ? CostModelKind.Measured : CostModelKind.Roofline,
            linkText == "link-level" ? LinkFidelity.LinkLevel : LinkFidelity.ClosedForm,
            stageLayers, blockSize, utilization) { ExpertRouting = ExpertRoutingReader.Read(root), MemoryFractionGiven = utilizationGiven, KvDtypeAuto = kvText == "auto" };
    }

    private static ModelSpec ReadModel(YamlSection root)
    {
        var (name, inline) = root.GetScalarOrSection("model");
        if (name is not null)
        {
            return ModelCatalog.TryGet(name) ?? throw root.Error("model", $"unknown model '{name}'", ModelCatalog.UnknownHint(name));
        }

        if (inline is null)
        {
            throw root.Error("model", "is required but missing", "name a catalog model (see 'dessim models') or give config.json fields inline");
        }

        int heads = inline.GetInt("num_attention_heads", null, 1) ?? throw inline.Error("num_attention_heads", "is required but missing");
        int hidden = inline.GetInt("hidden_size", null, 1) ?? throw inline.Error("hidden_size", "is required but missing");
        int experts = inline.GetInt("num_local_experts", 0, 0)!.Value;
        int ffn = inline.GetInt("intermediate_size", null, 1) ?? throw inline.Error("intermediate_size", "is required but missing");
        var spec = new ModelSpec
        {
            Name = inline.GetString("name", "custom-model")!,
            NumLayers = inline.GetInt("num_hidden_layers", null, 1) ?? throw inline.Error("num_hidden_layers", "is required but missing"),
            HiddenSize = hidden,
            NumHeads = heads,
            NumKvHeads = inline.GetInt("num_key_value_heads", heads, 1)!.Value,
            HeadDim = inline.GetInt("head_dim", hidden / heads, 1)!.Value,
            IntermediateSize = ffn,
            VocabSize = inline.GetInt("vocab_size", null, 1) ?? throw inline.Error("vocab_size", "is required but missing"),
            TieWordEmbeddings = inline.GetBool("tie_word_embeddings", false)!.Value,
            NumExperts = experts,
            ExpertsPerToken = inline.GetInt("num_experts_per_tok", experts > 0 ? 2 : 0, 0)!.Value,
            MoeIntermediateSize = inline.GetInt("moe_intermediate_size", experts > 0 ? ffn : 0, 0)!.Value,
            SharedExperts = inline.GetInt("n_shared_experts", 0, 0)!.Value,
        };
        if (spec.NumHeads % spec.NumKvHeads != 0)
        {
            throw inline.Error("num_key_value_heads", $"{spec.NumKvHeads} does not divide num_attention_heads {spec.NumHeads}");
        }

        if (experts > 0 && (spec.ExpertsPerToken < 1 || spec.ExpertsPerToken > experts))
        {
            throw inline.Error("num_experts_per_tok", $"{spec.ExpertsPerToken} must be in 1..{experts}");
        }

        inline.MarkKnown("architectures", "model_type", "torch_dtype", "rms_norm_eps", "rope_theta", "rope_scaling", "max_position_embeddings",
            "hidden_act", "bos_token_id", "eos_token_id", "initializer_range", "attention_bias", "attention_dropout", "mlp_bias",
            "pretraining_tp", "use_cache", "transformers_version", "sliding_window", "router_aux_loss_coef", "output_router_logits");
        inline.RejectUnknownKeys();
        return spec;
    }

    /// <summary>Most GPUs in a cluster. Why 131,072: above the largest clusters built today (~100 k GPUs); larger is a
    /// typo, and the topology's link tables would not fit in memory (found by the fuzz test: 65,536 × 1,024 hung).</summary>
    public const int MaxClusterGpus = 1 << 17;

    // Defaults of an inline GPU's links: NVLink 4 on an NVSwitch (H100 SXM, 450 GB/s per direction) and PCIe Gen5 x16
    // (about 50 GB/s achievable), as GpuCatalog's H100-SXM5-80GB (facts.md §3, "Links").
    private const double DefaultFabricGigabytesPerSecond = 450;
    private const double DefaultHostLinkGigabytesPerSecond = 50;

    private static ClusterSpec ReadCluster(YamlSection root)
    {
        var c = root.GetSection("cluster") ?? throw root.Error("cluster", "is required but missing", "e.g. cluster: {gpu: h100, nodes: 1, gpus_per_node: 8}");
        var groups = NodeGroupReader.Read(c, ReadGroup);
        var first = groups?[0] ?? ReadGroup(c);
        if (groups is not null && groups.Sum(g => (long)g.TotalGpus) > MaxClusterGpus)
        {
            throw c.Error("node_groups", $"{string.Join(" + ", groups.Select(g => $"{g.Nodes} × {g.GpusPerNode}"))} = {groups.Sum(g => (long)g.TotalGpus)} GPUs is too large (at most {MaxClusterGpus})");
        }

        var gpu = first.Gpu;
        var inter = InterNodeLinkSpec.IbNdr;
        var (interName, interInline) = c.GetScalarOrSection("inter_node");
        if (interName is not null)
        {
            inter = InterNodeLinkSpec.TryGet(interName) ?? throw c.Error("inter_node", $"unknown network '{interName}'", KeySuggester.Hint(interName, InterNodeLinkSpec.All.Select(l => l.Name).ToList()) + "; or give {bandwidth_gbit_s, latency_us}");
        }
        else if (interInline is not null)
        {
            var bandwidthKey = interInline.Spelling("bandwidth_gbit_s", "bandwidth_gbps", "Gb/s");
            double gbps = interInline.GetDouble(bandwidthKey, null, InputRanges.MinBandwidthGbps, InputRanges.MaxBandwidthGbps) ?? throw interInline.Error(bandwidthKey, "is required (Gb/s per GPU NIC)");
            double us = interInline.GetDouble("latency_us", 1, 0, InputRanges.MaxLatencyUs)!.Value;
            inter = new InterNodeLinkSpec(interInline.GetString("name", "custom-network")!, BytesPerSecond.FromGigabitsPerSecond(gbps), us * 1e-6);
            interInline.RejectUnknownKeys();
        }

        if (groups is not null && (c.Has("power_cap_w") || c.Has("power_cap_fraction")))
        {
            throw c.Error(c.Has("power_cap_w") ? "power_cap_w" : "power_cap_fraction", "is not supported with node_groups (the GPUs differ in TDP)", "remove the cap, or run one group per scenario");
        }

        double? cap = ReadPowerCap(c, gpu);
        c.RejectUnknownKeys();
        return new ClusterSpec(gpu, first.Nodes, first.GpusPerNode, first.IntraNode, inter) { PowerCapWatts = cap, Groups = groups ?? [] };
    }

    // One group of identical nodes: gpu, nodes, gpus_per_node, intra_node (the cluster mapping itself, or a node_groups item).
    private static NodeGroupSpec ReadGroup(YamlSection c)
    {
        var gpu = ReadGpu(c);
        int nodes = c.GetInt("nodes", 1, 1, 1 << 16)!.Value;
        int perNode = c.GetInt("gpus_per_node", 8, 1, 1024)!.Value;
        if ((long)nodes * perNode > MaxClusterGpus)
        {
            throw c.Error("nodes", $"{nodes} × {perNode} = {(long)nodes * perNode} GPUs is too large (at most {MaxClusterGpus})");
        }

        var fabricText = c.GetString("intra_node");
        var fabric = gpu.DefaultFabric;
        if (fabricText is not null)
        {
            fabric = FabricNames.TryParse(fabricText) ?? throw c.Error("intra_node", $"'{fabricText}' is not one of {string.Join(" | ", FabricNames.All)}", KeySuggester.Hint(fabricText, FabricNames.All.ToList()));
        }

        return new NodeGroupSpec(gpu, nodes, perNode, fabric);
    }

    private static double? ReadPowerCap(YamlSection c, GpuSpec gpu)
    {
        if (!c.Has("power_cap_w") && !c.Has("power_cap_fraction"))
        {
            return null;
        }

        if (c.Has("power_cap_w") && c.Has("power_cap_fraction"))
        {
            throw c.Error("power_cap_fraction", "conflicts with power_cap_w", "give one of the two");
        }

        var key = c.Has("power_cap_w") ? "power_cap_w" : "power_cap_fraction";
        if (!gpu.HasPowerFigures)
        {
            throw c.Error(key, $"GPU {gpu.Name} has no power figures", "give the inline gpu tdp_w and idle_w");
        }

        double watts = key == "power_cap_w"
            ? c.GetDouble("power_cap_w", null, gpu.IdleWatts, exclusiveMin: true)!.Value
            : c.GetDouble("power_cap_fraction", null, gpu.IdleWatts / gpu.TdpWatts, exclusiveMin: true)!.Value * gpu.TdpWatts;
        if (watts > gpu.TdpWatts * (1 + 1e-12))
        {
            throw c.Error(key, Inv($"{watts:0.###} W is above the TDP of {gpu.Name} ({gpu.TdpWatts:0.###} W)"), Inv($"a cap in ({gpu.IdleWatts:0.###}, {gpu.TdpWatts:0.###}] W"));
        }

        return Math.Min(watts, gpu.TdpWatts);
    }

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);

    private static GpuSpec ReadGpu(YamlSection cluster)
    {
        var (name, inline) = cluster.GetScalarOrSection("gpu");
        if (name is not null)
        {
            return GpuCatalog.TryGet(name) ?? throw cluster.Error("gpu", $"unknown GPU '{name}'", GpuCatalog.UnknownHint(name));
        }

        if (inline is null)
        {
            throw cluster.Error("gpu", "is required but missing", "name a catalog GPU (see 'dessim gpus') or define one inline");
        }

        double bf16 = inline.GetDouble("bf16_tflops", null, InputRanges.MinTflops, InputRanges.MaxTflops) ?? throw inline.Error("bf16_tflops", "is required (dense BF16 TFLOP/s)");
        double fp8 = inline.GetDouble("fp8_tflops", 0, 0, InputRanges.MaxTflops)!.Value;
        double memGb = inline.GetDouble("memory_gb", null, InputRanges.MinMemoryGb, InputRanges.MaxMemoryGb) ?? throw inline.Error("memory_gb", "is required (GB)");
        var memoryBandwidthKey = inline.Spelling("memory_bandwidth_tbyte_s", "memory_bandwidth_tbps", "TB/s");
        double bwTb = inline.GetDouble(memoryBandwidthKey, null, InputRanges.MinMemoryBandwidthTbps, InputRanges.MaxMemoryBandwidthTbps) ?? throw inline.Error(memoryBandwidthKey, "is required (TB/s)");
        var fabricText = inline.GetString("fabric", "nvswitch")!;
        var fabric = FabricNames.TryParse(fabricText) ?? throw inline.Error("fabric", $"'{fabricText}' is not one of {string.Join(" | ", FabricNames.All)}");
        double fabricGb = inline.GetDouble(inline.Spelling("fabric_bandwidth_gbyte_s", "fabric_bandwidth_gbps", "GB/s"), fabric == IntraNodeFabric.Pcie ? 0 : DefaultFabricGigabytesPerSecond, 0, InputRanges.MaxBandwidthGbps)!.Value;
        double hostGb = inline.GetDouble(inline.Spelling("host_link_gbyte_s", "host_link_gbps", "GB/s"), DefaultHostLinkGigabytesPerSecond, InputRanges.MinBandwidthGbps, InputRanges.MaxBandwidthGbps)!.Value;
        var profile = inline.GetString("measured_tables");
        if (profile is not null && !Cost.MeasuredProfiles.Has(profile))
        {
            throw inline.Error("measured_tables", $"no embedded tables named '{profile}'", "valid: a100_sxm, h100_sxm, h200_sxm");
        }

        var spec = new GpuSpec
        {
            Name = inline.GetString("name", "custom-gpu")!,
            Bf16FlopsPerSecond = bf16 * 1e12,
            Fp8FlopsPerSecond = fp8 * 1e12,
            MemoryBytes = (long)(memGb * 1e9),
            MemoryBandwidth = BytesPerSecond.FromTerabytesPerSecond(bwTb),
            DefaultFabric = fabric,
            FabricBandwidth = BytesPerSecond.FromGigabytesPerSecond(fabricGb),
            HostLinkBandwidth = BytesPerSecond.FromGigabytesPerSecond(hostGb),
            ProfileKey = profile,
            TdpWatts = inline.GetDouble("tdp_w", 0, 0)!.Value,
            IdleWatts = inline.GetDouble("idle_w", 0, 0)!.Value,
        };
        if ((spec.TdpWatts > 0 || spec.IdleWatts > 0) && !spec.HasPowerFigures)
        {
            throw inline.Error("idle_w", Inv($"idle_w ({spec.IdleWatts:0.###}) and tdp_w ({spec.TdpWatts:0.###}) must both be given, with 0 < idle_w < tdp_w"));
        }

        inline.RejectUnknownKeys();
        return spec;
    }

    private static ParallelPlan ReadPlan(YamlSection root)
    {
        var p = root.GetSection("parallelism");
        if (p is null)
        {
            return new ParallelPlan();
        }

        var plan = new ParallelPlan(
            p.GetInt("tp", 1, 1, ParallelLimits.MaxDegree)!.Value,
            p.GetInt("pp", 1, 1, ParallelLimits.MaxDegree)!.Value,
            p.GetInt("dp", 1, 1, ParallelLimits.MaxReplicas)!.Value,
            p.GetInt("ep", 1, 1, ParallelLimits.MaxDegree)!.Value,
            p.GetInt("cp", 1, 1, ParallelLimits.MaxDegree)!.Value);
        p.RejectUnknownKeys();
        return plan;
    }
}
