using DesSim.Core.Configuration;
using DesSim.Core.Cost;
using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;
using DesSim.Core.Scheduling;
using DesSim.Core.Workload;
using YamlDotNet.RepresentationModel;

namespace DesSim.Core.Scenarios;

/// <summary>Reads a scenario YAML file (plus <c>--set</c> overrides) into a validated <see cref="Scenario"/>.</summary>
/// <remarks>Every key is documented in docs/scenarios.md; unknown keys are rejected with the key path and the nearest valid key.</remarks>
public static class ScenarioLoader
{
    /// <summary>Longest <c>name:</c> (characters): the result directory's name must fit NAME_MAX (255 bytes) with a suffix.</summary>
    public const int MaxNameLength = 200;

    private static readonly string[] Policies = ["vllm", "vllm-v0", "vllm-v1", "sglang", "trtllm", "sarathi", "static"];
    private static readonly string[] Routers = ["round-robin", "least-outstanding", "power-of-two", "prefix-aware"];

    /// <summary>Loads and validates <paramref name="path"/> with <paramref name="overrides"/> (<c>path=value</c>) applied first.</summary>
    public static Scenario Load(string path, IEnumerable<string>? overrides = null)
    {
        var root = YamlDocumentLoader.Load(path);
        var list = overrides?.ToList() ?? [];
        if (list.Count > 0)
        {
            YamlDocumentLoader.ApplyOverrides(root, list);
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return Read(root, path, dir);
    }

    /// <summary>Builds a scenario from an already-parsed root mapping, validated and planned (<see cref="ScenarioVariants.Plan"/>).</summary>
    /// <param name="root">The scenario's root mapping.</param>
    /// <param name="sourcePath">The file it came from (errors name it).</param>
    /// <param name="scenarioDirectory">Where relative paths (traces, calibration) resolve.</param>
    /// <param name="basis">A scenario this one is a variant of (a sweep point of its base): the two share their deployment
    /// plans, so a point whose layout is the base's is not planned again. Null: a scenario of its own.</param>
    public static Scenario Read(YamlSection root, string sourcePath, string scenarioDirectory, Scenario? basis = null)
    {
        var name = root.GetString("name") ?? Path.GetFileNameWithoutExtension(sourcePath);
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('/', StringComparison.Ordinal)
            || name.Contains('\\', StringComparison.Ordinal) || name.StartsWith('.') || name.Any(char.IsControl) || name.Length > MaxNameLength)
        {
            throw root.Error("name", $"'{name}' cannot be used as a directory name", $"a plain file name: no '/' or '\\', not starting with '.', at most {MaxNameLength} characters");
        }

        ulong seed = (ulong)(root.GetLong("seed", 0, min: 0) ?? 0);
        var schedulerSection = root.GetSection("scheduler");
        var deployment = DeploymentSpecReader.Read(root, schedulerSection);
        deployment = deployment with { Calibration = CalibrationYaml.ReadKey(root, scenarioDirectory, deployment.Cluster.Gpu) };
        var engineSpec = Scheduling.Engines.EngineReader.Read(root, scenarioDirectory);
        var (keys, policy, prefixCaching) = ReadScheduler(schedulerSection);
        var selection = Scheduling.Engines.EngineReader.Resolve(engineSpec, new Scheduling.Engines.EngineContext(deployment.Cluster.Gpu, deployment.Plan.Tp, deployment.Plan.Pp), keys);
        var scheduler = policy is { } p ? selection.Settings.Scheduler with { Policy = p } : selection.Settings.Scheduler;
        scheduler = scheduler with { EnablePrefixCaching = prefixCaching ?? selection.Model.DefaultPrefixCaching };
        if (deployment.KvDtypeAuto && selection.Settings.Fp8CheckpointQuantizesKv && deployment.WeightPrecision.BytesPerElement == 1)
        {
            deployment = deployment with { KvPrecision = Hardware.Precision.Fp8 };
        }

        if (schedulerSection?.Has("block_size") != true)
        {
            deployment = deployment with { BlockSizeTokens = selection.Settings.BlockSizeTokens };
        }

        var kvTiers = KvTierSpecReader.Read(root, scheduler.EnablePrefixCaching && scheduler.Policy != BatchPolicyKind.Static);
        var (router, prefixRouting) = ReadRouter(root);
        var workloadSection = root.GetSection("workload") ?? throw root.Error("workload", "is required: a trace file or a synthetic arrival process", "e.g. workload: { trace: traces/azure-conv-10min.csv }");
        var workload = WorkloadSpecReader.Read(workloadSection, scenarioDirectory);
        var slo = ReadSlo(root);
        var outputs = ReadOutputs(root);
        var engine = selection.Overheads;
        deployment = deployment with { AllReduce = engine.AllReduce, KvSizing = engine.KvSizing };
        var faults = FaultSpecReader.ReadFaults(root);
        var variability = FaultSpecReader.ReadVariability(root);
        var prices = PriceSpecReader.Read(root, deployment.Cluster.Gpu);
        var (pools, disaggregation) = PoolScenarios.Read(root, deployment);
        if (disaggregation is not null && faults.Failures.Count > 0)
        {
            throw root.Error("faults", "replica_failures are not supported with disaggregation", "remove faults.replica_failures (stragglers and link faults are fine)");
        }

        root.RejectUnknownKeys();

        var scenario = new Scenario(name, seed, sourcePath, Serialize(root.Node), deployment, scheduler, router, workload, slo, outputs, engine) { Faults = faults, Variability = variability, EngineSelection = selection, Prices = prices, PrefixRouting = prefixRouting, KvTiers = kvTiers, Plans = basis?.Plans ?? new DeploymentPlanCache(), InputNotes = root.Notes.All.ToArray() };
        if (pools is not null)
        {
            scenario = scenario with { Pools = pools, Disaggregation = disaggregation, EngineRequest = (engineSpec, keys, policy) };
        }

        // Why here: an impossible layout, a pool or model that does not fit, or faults on replicas the layout lacks must
        // fail before anything runs or is written.
        return ScenarioVariants.Plan(scenario, root);
    }

    // The generic keys the scenario set (the engine supplies the rest), an explicit policy override and the prefix-caching switch, if any.
    private static (Scheduling.Engines.SchedulerKeys Keys, BatchPolicyKind? Policy, bool? PrefixCaching) ReadScheduler(YamlSection? s)
    {
        if (s is null)
        {
            return (Scheduling.Engines.SchedulerKeys.None, null, null);
        }

        BatchPolicyKind? policy = s.Has("policy")
            ? s.GetEnum("policy", Policies, "vllm") switch
            {
                "sarathi" => BatchPolicyKind.Sarathi,
                "static" => BatchPolicyKind.Static,
                "vllm-v1" => BatchPolicyKind.VllmV1,
                "sglang" => BatchPolicyKind.Sglang,
                "trtllm" => BatchPolicyKind.Trtllm,
                _ => BatchPolicyKind.Vllm,
            }
            : null;
        var keys = new Scheduling.Engines.SchedulerKeys(
            s.GetInt("max_num_seqs", null, min: 1, max: 1_000_000),
            s.GetInt("max_num_batched_tokens", null, min: 1, max: 100_000_000));
        bool? prefixCaching = s.GetBool("enable_prefix_caching");
        s.RejectUnknownKeys();
        return (keys, policy, prefixCaching);
    }

    // router: NAME, or router: { name: prefix-aware, overlap_weight, load_weight, session_affinity }.
    private static (RouterKind Kind, PrefixRouterOptions Prefix) ReadRouter(YamlSection root)
    {
        var (_, section) = root.GetScalarOrSection("router");
        var name = section is null ? root.GetEnum("router", Routers, "round-robin") : section.GetEnum("name", Routers, "round-robin");
        var kind = name switch
        {
            "least-outstanding" => RouterKind.LeastOutstanding,
            "power-of-two" => RouterKind.PowerOfTwo,
            "prefix-aware" => RouterKind.PrefixAware,
            _ => RouterKind.RoundRobin,
        };
        var prefix = PrefixRouterOptions.Default;
        if (section is not null)
        {
            if (kind == RouterKind.PrefixAware)
            {
                prefix = new PrefixRouterOptions(
                    section.GetDouble("overlap_weight", prefix.OverlapWeight, 0, InputRanges.MaxRouterWeight)!.Value,
                    section.GetDouble("load_weight", prefix.LoadWeight, 0, InputRanges.MaxRouterWeight)!.Value,
                    section.GetBool("session_affinity", false)!.Value);
            }

            section.RejectUnknownKeys();
        }

        return (kind, prefix);
    }

    private static SloSpec ReadSlo(YamlSection root)
    {
        var s = root.GetSection("slo");
        if (s is null)
        {
            return SloSpec.Chat;
        }

        var slo = new SloSpec(
            s.GetDouble("ttft_ms", min: 0, max: InputRanges.MaxSloMs, exclusiveMin: true),
            s.GetDouble("tpot_ms", min: 0, max: InputRanges.MaxSloMs, exclusiveMin: true),
            s.GetDouble("e2el_ms", min: 0, max: InputRanges.MaxSloMs, exclusiveMin: true),
            s.GetDouble("queue_ms", min: 0, max: InputRanges.MaxSloMs, exclusiveMin: true));
        s.RejectUnknownKeys();
        return slo;
    }

    private static OutputSpec ReadOutputs(YamlSection root)
    {
        var s = root.GetSection("outputs");
        if (s is null)
        {
            return OutputSpec.Default;
        }

        double step = s.GetDouble("timeseries_step_s", OutputSpec.DefaultTimeSeriesStepSeconds, min: 0, max: InputRanges.MaxTimeSeconds)!.Value;
        if (step is > 0 and < InputRanges.MinSampleStepSeconds)
        {
            throw s.Error("timeseries_step_s", $"{step} s is below the finest step, {InputRanges.MinSampleStepSeconds} s", "use 0 for no time series, or a step of at least 0.001 s");
        }

        var t = s.GetSection("timeline");
        var window = new TimelineWindow();
        if (t is not null)
        {
            window = new TimelineWindow(
                t.GetDouble("start_s", 0, min: 0, max: InputRanges.MaxTimeSeconds)!.Value,
                t.GetDouble("duration_s", TimelineWindow.DefaultDurationSeconds, min: 0, max: InputRanges.MaxTimeSeconds, exclusiveMin: true)!.Value,
                t.GetInt("max_spans", TimelineWindow.DefaultMaxSpans, min: 0, max: 10_000_000)!.Value);
            t.RejectUnknownKeys();
        }

        var outputs = new OutputSpec(step, window, s.GetBool("report", false)!.Value, s.GetBool("chrome_trace", true)!.Value)
        {
            Percentiles = Enum.Parse<PercentileMode>(s.GetEnum("percentiles", ["auto", "exact", "sketch"], "auto"), ignoreCase: true),
        };
        s.RejectUnknownKeys();
        return outputs;
    }

    private static string Serialize(YamlMappingNode node)
    {
        var stream = new YamlStream(new YamlDocument(node));
        var w = new StringWriter { NewLine = "\n" };
        stream.Save(w, assignAnchors: false);
        return w.ToString().TrimEnd('.', '\n', ' ') + "\n";
    }
}
