using DesSim.Core.Cost;
using DesSim.Core.Execution;
using DesSim.Core.Hardware;
using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;
using DesSim.Core.Scheduling;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Scenarios;

/// <summary>Runs one scenario end to end: plans the deployment, opens the workload, simulates, and builds the result.</summary>
public static class ScenarioRunner
{
    /// <summary>Runs <paramref name="scenario"/> on the plan it carries (<see cref="Scenario.Planned"/>; a scenario built by hand
    /// is planned here); <paramref name="progress"/> (optional) is called now and then with the simulation's progress.</summary>
    /// <remarks>Replications, capacity probes and parallel sweep workers running the same layout share its
    /// <see cref="DeploymentPlan"/>: each run leases a deployment (its cost model) from the plan and hands it back, so the
    /// memos carry over from run to run; a memo returns exactly what a fresh model computes (<c>CostMemoTests</c>), so results
    /// are those of separate deployments.</remarks>
    /// <exception cref="InputException">The layout cannot run, or the workload has bad input.</exception>
    /// <exception cref="ArgumentException">The scenario's plan is not the plan of its deployment, pools and faults (a variant
    /// made with a record <c>with</c> instead of <see cref="ScenarioVariants"/>).</exception>
    public static ScenarioRun Run(Scenario scenario, Action<RunProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Planned is null)
        {
            scenario = ScenarioVariants.Plan(scenario);
        }
        else if (!scenario.Planned.IsPlanOf(scenario))
        {
            throw new ArgumentException("the scenario's plan is not that of its deployment, pools and faults: derive variants with ScenarioVariants", nameof(scenario));
        }

        var planned = scenario.Planned!;
        var leased = planned.Pools is { } placedPools ? placedPools.Select(p => p.Deployment.Rent()).ToArray() : [planned.Deployment!.Rent()];
        try
        {
            return Run(scenario, planned, leased, progress);
        }
        finally
        {
            var plans = planned.Pools?.Select(p => p.Deployment).ToArray() ?? [planned.Deployment!];
            for (int i = 0; i < leased.Length; i++)
            {
                plans[i].Return(leased[i]);
            }
        }
    }

    private static ScenarioRun Run(Scenario scenario, ScenarioPlan planned, Deployment[] leased, Action<RunProgress>? progress)
    {
        var sim = new Simulator(scenario.Seed);
        using var workload = WorkloadFactory.Open(scenario.Workload, sim.Streams);
        var placed = planned.Pools;
        var deployment = leased[0];
        ServingConfig config;
        IReadOnlyList<ServingPool>? pools = null;
        Topology topology;
        if (placed is not null)
        {
            pools = PoolConfigs.Build(scenario, placed, leased, sim.Streams);
            config = PoolConfigs.Cluster(scenario, pools);
            topology = new Topology(scenario.Deployment.Cluster);
        }
        else
        {
            config = BuildConfig(scenario, deployment, sim.Streams);
            topology = deployment.Topology;
        }

        ITransferNetwork network = scenario.Deployment.LinkFidelity == LinkFidelity.LinkLevel ? new LinkLevelNetwork(sim, topology) : new ClosedFormNetwork(sim, topology);
        if (scenario.Faults.Links.Count > 0 && network is IDegradableNetwork degradable)
        {
            degradable.Degradation = new LinkDegradation(topology, scenario.Faults.Links);
        }
        var collector = new MetricsCollector(scenario.Outputs.Timeline) { Energy = CreateEnergyMeter(config, scenario.Deployment.Cluster.TotalGpus) };
        var disaggregation = scenario.Disaggregation is { } d && placed is not null ? d with { Flows = PoolConfigs.Flows(scenario, placed) } : null;
        ServingSimulation serving;
        try
        {
            serving = pools is null
                ? new ServingSimulation(sim, config, workload.Source, network, collector)
                : new ServingSimulation(sim, pools, config, workload.Source, network, collector, disaggregation);
        }
        catch (InputException e) when (e.Source is null && e.Location is not null)
        {
            // Why: a limit found while wiring the replicas (a KV tier smaller than one block) names only the key.
            throw new InputException(scenario.SourcePath, e.Location, e.Reason, e.Hint);
        }

        var reporter = progress is null ? null : new ProgressReporter(sim, serving, workload.ExpectedRequests, progress);
        reporter?.Start();
        try
        {
            serving.Run();
        }
        catch (Exception e) when (e is SimulatedTimeOverflowException or OverflowException || e is ArgumentOutOfRangeException { ParamName: "seconds" or "milliseconds" or "microseconds" or "nanoseconds" })
        {
            throw new InputException(scenario.SourcePath, null, $"simulated time overflows: {e.Message}", "a rate, duration, bandwidth, FLOP/s or factor is far outside its valid range (docs/scenarios.md, Valid ranges)");
        }
        catch (InputException e) when (e.Source is null && e.Location is not null)
        {
            // Why: a limit hit inside the run names only the key; the user needs the file it is in.
            throw new InputException(scenario.SourcePath, e.Location, e.Reason, e.Hint);
        }

        var notes = new List<string>(scenario.InputNotes);
        notes.AddRange(placed is null ? deployment.Notes : placed.SelectMany((p, i) => leased[i].Notes.Select(n => $"{p.Spec.Name} pool: {n}")));
        if (placed is not null)
        {
            notes.AddRange(placed.Select(p => $"pool {p.Spec.Name}: {p.Spec.Instances} × TP{p.Spec.Tp}xPP{p.Spec.Pp} on {p.Deployment.Gpu.Name}, GPUs {string.Join(",", p.AllGpus)}, KV {p.Deployment.Memory.KvCapacityTokensPerReplica:N0} tokens/instance"));
            if (config.Power is null && placed.Any(p => p.Deployment.Gpu.HasPowerFigures))
            {
                notes.Add("energy: not reported, the pools run on GPUs of different power figures");
            }
        }

        if (scenario.EngineSelection is { } engine)
        {
            notes.Add($"engine: {engine.Name} {engine.RequestedVersion} modeled as {engine.Model.Version} ({scenario.Scheduler.Policy} policy{(scenario.Scheduler.Policy != engine.Settings.Scheduler.Policy ? " set by scheduler.policy" : "")}, max_num_seqs {engine.Settings.Scheduler.MaxNumSeqs}, max_num_batched_tokens {engine.Settings.Scheduler.MaxNumBatchedTokens}, CUDA graphs {engine.Settings.Graphs}, CPU {(engine.Settings.CpuOverlapsGpu ? "overlapped with" : "added to")} GPU time{FrontEndNote(scenario.Engine.FrontEnd)})");
            if (engine.Note is { } why)
            {
                notes.Add(why);
            }
        }

        if (scenario.Scheduler.EnablePrefixCaching && serving.PrefixIdentifiedRequests == 0)
        {
            notes.Add("prefix caching: on, but the workload says nothing about shared prefixes (no hash_ids, no sessions): nothing is reused");
        }

        notes.AddRange(workload.Diagnostics.Summary().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => "workload: " + line));
        var result = RunResultBuilder.Build(serving, collector, scenario.Slo, notes, scenario.Prices, scenario.Outputs.Percentiles);

        return new ScenarioRun(scenario, deployment, result, sim.ProcessedEvents) { Pools = placed };
    }

    /// <summary>Throws when <paramref name="run"/> simulated no request at all (none arrived within its horizon): a
    /// result of zeros would pass for a measurement. Sweeps and capacity probes may legitimately see an empty point.</summary>
    /// <exception cref="InputException">Nothing was simulated.</exception>
    public static ScenarioRun RequireRequests(ScenarioRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var s = run.Result.Summary;
        if (s.RequestsCompleted + s.RequestsRejected > 0)
        {
            return run;
        }

        // Why the workload notes: they count what the reader set aside (failed requests, filters, the window), which is
        // usually why a trace yields nothing.
        const string prefix = "workload: ";
        var why = string.Join("; ", run.Result.Notes.Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && !n.StartsWith(prefix + "requests: 0", StringComparison.Ordinal)).Select(n => n[prefix.Length..]));
        var detail = why.Length > 0 ? $" ({why})" : string.Empty;
        throw run.Scenario.Workload is Workload.TraceWorkloadSpec t
            ? new InputException(t.TracePath, null, $"no request of this trace arrived within the run{detail}: nothing was simulated", "check the trace's rows and the window (start_s, duration_s), filters and rate_scale")
            : new InputException(run.Scenario.SourcePath, "workload", $"no request arrived within the run{detail}: nothing was simulated", "raise the arrival rate or the duration");
    }

    /// <summary>The executor configuration of a planned deployment under a scenario.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="deployment">Its planned deployment.</param>
    /// <param name="streams">The run's random streams: required when the deployment uses expert parallelism (routing is
    /// sampled from the <c>moe_routing</c> stream; without it the expert MLPs would go unpriced).</param>
    public static ServingConfig BuildConfig(Scenario scenario, Deployment deployment, RandomStreams? streams = null)
    {
        var plan = deployment.Plan;
        var ids = new int[plan.Dp][][];
        for (int r = 0; r < plan.Dp; r++)
        {
            ids[r] = new int[deployment.Stages.Count][];
            for (int s = 0; s < deployment.Stages.Count; s++)
            {
                ids[r][s] = deployment.GpuIds(r, s);
            }
        }

        return BuildConfig(scenario, deployment, streams, ids, scenario.Scheduler, scenario.Engine, scenario.EngineSelection);
    }

    /// <summary>The executor configuration of <paramref name="deployment"/>'s instances on GPUs <paramref name="ids"/>
    /// ([replica][stage] → global ids) under an engine's scheduler and overheads.</summary>
    internal static ServingConfig BuildConfig(Scenario scenario, Deployment deployment, RandomStreams? streams, int[][][] ids,
        Scheduling.SchedulerConfig scheduler, EngineOverheads engine, Scheduling.Engines.EngineSelection? selection)
    {
        ExpertRoutingSampler? routing = null;
        if (deployment.ExpertCost is { } experts)
        {
            if (streams is null)
            {
                throw new ArgumentNullException(nameof(streams), "expert parallelism samples routing per batch: pass the run's random streams");
            }

            routing = new ExpertRoutingSampler(experts, scenario.Deployment.ExpertRouting, streams.Get("moe_routing"));
        }

        var plan = deployment.Plan;
        return new ServingConfig(
            ids,
            plan.GpuCount,
            deployment.CostModel,
            deployment.ActivationBytesPerToken,
            deployment.Memory.KvBlocksPerReplica,
            scenario.Deployment.BlockSizeTokens,
            scheduler,
            scenario.Router)
        {
            SampleStepSeconds = scenario.Outputs.TimeSeriesStepSeconds,
            PrefixRouting = scenario.PrefixRouting,
            KvTiers = scenario.KvTiers.Count == 0 || !scheduler.EnablePrefixCaching ? null : new KvTierConfig(scenario.KvTiers, deployment.Memory.KvBytesPerTokenPerGpu / Math.Max(1, plan.Cp),
                deployment.Gpu.HostLinkBandwidth, scenario.Deployment.Cluster.InterNode.Bandwidth, scenario.Deployment.Cluster.InterNode.LatencySeconds),
            IterationOverheadSeconds = engine.IterationSeconds(deployment.Model.NumLayers, plan.Tp),
            PerSequenceOverheadSeconds = engine.PerSequenceOverheadSeconds,
            CudaGraphs = selection?.Settings.Graphs ?? Scheduling.Engines.CudaGraphSizes.None,
            CpuOverlapsGpu = selection?.Settings.CpuOverlapsGpu ?? false,
            FrontEnd = engine.FrontEnd,
            ExpertRouting = routing,
            Faults = scenario.Faults,
            Variability = scenario.Variability,
            Power = deployment.Gpu.HasPowerFigures ? new PowerModel(deployment.Gpu, deployment.Spec.Cluster.PowerCapWatts) : null,
        };
    }

    private static string FrontEndNote(Scheduling.FrontEndSpec f) => f.IsNone
        ? string.Empty
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $", serial front end {f.PerRequestSeconds * 1e3:0.###} ms per request{(f.PerPromptTokenSeconds > 0 ? $" + {f.PerPromptTokenSeconds * 1e6:0.###} us per prompt token" : string.Empty)}");

    /// <summary>The energy meter of a run under <paramref name="config"/> (null when its GPU has no power figures). Bins are
    /// the time series step, or <see cref="EnergyBinSecondsWithoutTimeSeries"/> when the time series is off.</summary>
    /// <param name="config">The executor configuration.</param>
    /// <param name="clusterGpus">GPUs in the cluster (those outside the layout draw idle power).</param>
    public static EnergyMeter? CreateEnergyMeter(ServingConfig config, int clusterGpus)
    {
        if (config.Power is not { } power)
        {
            return null;
        }

        double step = config.SampleStepSeconds > 0 ? config.SampleStepSeconds : EnergyBinSecondsWithoutTimeSeries;
        var counts = config.StageGpuIds.Select(r => r.Select(s => s.Length).ToArray()).ToArray();
        return new EnergyMeter(power, counts, Math.Max(clusterGpus, config.GpuCount), Math.Max(1, Nanoseconds.FromSeconds(step)));
    }

    /// <summary>Bin width of the cluster power peak when <c>outputs.timeseries_step_s</c> is 0: one second, the
    /// shipped default step (so the peak means the same thing with and without the time series).</summary>
    public const double EnergyBinSecondsWithoutTimeSeries = OutputSpec.DefaultTimeSeriesStepSeconds;
}
