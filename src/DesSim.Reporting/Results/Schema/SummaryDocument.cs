using System.Text.Json.Serialization;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results.Schema;

/// <summary>The one <c>summary.json</c> document type: what the writer writes, the reader reads back, the report and
/// <c>dessim compare</c> show (keys defined in docs/metrics.md).</summary>
/// <remarks>Serialized both ways by <see cref="SummaryJsonContext"/> (System.Text.Json source generation, NativeAOT-safe).
/// Keys are written in declaration order; numbers rounded to 6 decimals, NaN (no samples) as null. Optional blocks
/// (engine, pools, KV transfer, expert load, prefix cache, energy, cost, faults, the run and sweep labels) are left out
/// when null. A new metric is a property here (and in <see cref="From"/> / <see cref="ToRunSummary"/>), a field of
/// <see cref="RunSummary"/> in the Metrics room, and a row of docs/metrics.md.</remarks>
public sealed record SummaryDocument
{
    /// <summary>Version of the result-file layout this dessim writes and reads (<c>result_format</c>); readers refuse
    /// another. Bump it when a reader of the previous layout would misread the new files (a key or column removed,
    /// renamed or redefined); added keys and columns do not need it.</summary>
    public const int CurrentResultFormat = 1;

    /// <summary>Result-file layout version (<see cref="CurrentResultFormat"/>).</summary>
    [JsonPropertyName("result_format")]
    public required int ResultFormat { get; init; }

    /// <summary>Scenario name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Layout label, e.g. TP4xPP2.</summary>
    [JsonPropertyName("layout")]
    public required string Layout { get; init; }

    /// <summary>The engine asked for and the modeled version that ran it; null when the scenario named none.</summary>
    [JsonPropertyName("engine")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EngineDocument? Engine { get; init; }

    /// <summary>Requests that produced all their output tokens.</summary>
    [JsonPropertyName("requests_completed")]
    public required long RequestsCompleted { get; init; }

    /// <summary>Requests dropped.</summary>
    [JsonPropertyName("requests_rejected")]
    public required long RequestsRejected { get; init; }

    /// <summary>First arrival to last completion, s.</summary>
    [JsonPropertyName("duration_s")]
    public required double DurationS { get; init; }

    /// <summary>Completed requests per second.</summary>
    [JsonPropertyName("request_throughput")]
    public required double RequestThroughput { get; init; }

    /// <summary>Output tokens per second.</summary>
    [JsonPropertyName("output_throughput")]
    public required double OutputThroughput { get; init; }

    /// <summary>Input + output tokens per second.</summary>
    [JsonPropertyName("total_token_throughput")]
    public required double TotalTokenThroughput { get; init; }

    /// <summary>Most requests in flight at once, counted per second as <c>vllm bench serve</c> does; absent in files
    /// written before the key existed.</summary>
    [JsonPropertyName("max_concurrent_requests")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? MaxConcurrentRequests { get; init; }

    /// <summary>Completed requests meeting the SLO per second.</summary>
    [JsonPropertyName("goodput")]
    public required double Goodput { get; init; }

    /// <summary>Requests meeting the SLO over all requests, 0..1.</summary>
    [JsonPropertyName("slo_attainment")]
    public required double SloAttainment { get; init; }

    /// <summary>Time to first token, ms.</summary>
    [JsonPropertyName("ttft_ms")]
    public required StatsDocument TtftMs { get; init; }

    /// <summary>Time per output token, ms.</summary>
    [JsonPropertyName("tpot_ms")]
    public required StatsDocument TpotMs { get; init; }

    /// <summary>Inter-token latency, ms.</summary>
    [JsonPropertyName("itl_ms")]
    public required StatsDocument ItlMs { get; init; }

    /// <summary>End-to-end latency, ms.</summary>
    [JsonPropertyName("e2el_ms")]
    public required StatsDocument E2elMs { get; init; }

    /// <summary>Queueing delay, ms.</summary>
    [JsonPropertyName("queue_ms")]
    public required StatsDocument QueueMs { get; init; }

    /// <summary>Total preemptions.</summary>
    [JsonPropertyName("preemptions")]
    public required long Preemptions { get; init; }

    /// <summary>Where the GPUs' time went.</summary>
    [JsonPropertyName("gpu_time_shares")]
    public required GpuTimeSharesDocument GpuTimeShares { get; init; }

    /// <summary>Most KV blocks in use at once on any replica / blocks per replica.</summary>
    [JsonPropertyName("peak_kv_occupancy")]
    public required double PeakKvOccupancy { get; init; }

    /// <summary>Per pool (heterogeneous or disaggregated runs).</summary>
    [JsonPropertyName("pools")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PoolDocument>? Pools { get; init; }

    /// <summary>Disaggregated runs: exposed KV transfer time per handed-off request, ms.</summary>
    [JsonPropertyName("kv_transfer_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StatsDocument? KvTransferMs { get; init; }

    /// <summary>Disaggregated runs: back-pressure wait for room on a decode instance, ms.</summary>
    [JsonPropertyName("kv_wait_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StatsDocument? KvWaitMs { get; init; }

    /// <summary>Disaggregated runs: share of GPU time with a KV transfer in flight.</summary>
    [JsonPropertyName("kv_transfer_share")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? KvTransferShare { get; init; }

    /// <summary>Disaggregated runs: KV bytes moved.</summary>
    [JsonPropertyName("kv_transfer_bytes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? KvTransferBytes { get; init; }

    /// <summary>MoE with ep &gt; 1: token-to-expert load.</summary>
    [JsonPropertyName("expert_load")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExpertLoadDocument? ExpertLoad { get; init; }

    /// <summary>Prefix caching on: hits, savings, evictions.</summary>
    [JsonPropertyName("prefix_cache")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PrefixCacheDocument? PrefixCache { get; init; }

    /// <summary>GPUs with power figures: energy and power.</summary>
    [JsonPropertyName("energy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EnergyDocument? Energy { get; init; }

    /// <summary>With prices: what the run cost.</summary>
    [JsonPropertyName("cost")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CostDocument? Cost { get; init; }

    /// <summary>Faults configured: retries and their latency hit.</summary>
    [JsonPropertyName("faults")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FaultsDocument? Faults { get; init; }

    /// <summary>The service-level objectives.</summary>
    [JsonPropertyName("slo")]
    public required SloDocument Slo { get; init; }

    /// <summary>A run's one-line deployment description (absent in sweep point summaries).</summary>
    [JsonPropertyName("deployment")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Deployment { get; init; }

    /// <summary>A run's engine-overheads preset name.</summary>
    [JsonPropertyName("engine_overheads")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EngineOverheads { get; init; }

    /// <summary>A run's GPU name.</summary>
    [JsonPropertyName("gpu")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Gpu { get; init; }

    /// <summary>A run's model name.</summary>
    [JsonPropertyName("model")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; init; }

    /// <summary>A run's scheduler policy and limits, one line.</summary>
    [JsonPropertyName("scheduler")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Scheduler { get; init; }

    /// <summary>The random seed, as text.</summary>
    [JsonPropertyName("seed")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Seed { get; init; }

    /// <summary>A sweep point's fingerprint of its sweep (docs/sweeps.md).</summary>
    [JsonPropertyName("sweep_fingerprint")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SweepFingerprint { get; init; }

    /// <summary>A sweep point's axis values, one line.</summary>
    [JsonPropertyName("sweep_point")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SweepPoint { get; init; }

    /// <summary>Run notes (warnings).</summary>
    [JsonPropertyName("notes")]
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The document of a run's summary <paramref name="s"/>, without the run or sweep labels (set them with <c>with</c>).</summary>
    public static SummaryDocument From(string name, string layout, RunSummary s, SloSpec slo, IEnumerable<string> notes, EngineDocument? engine = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(notes);
        bool kv = s.KvTransferMs is not null;
        return new()
        {
            ResultFormat = CurrentResultFormat,
            Name = name,
            Layout = layout,
            Engine = engine,
            RequestsCompleted = s.RequestsCompleted,
            RequestsRejected = s.RequestsRejected,
            DurationS = s.DurationSeconds,
            RequestThroughput = s.RequestThroughput,
            OutputThroughput = s.OutputThroughput,
            TotalTokenThroughput = s.TotalTokenThroughput,
            MaxConcurrentRequests = s.MaxConcurrentRequests,
            Goodput = s.Goodput,
            SloAttainment = s.SloAttainment,
            TtftMs = StatsDocument.From(s.TtftMs),
            TpotMs = StatsDocument.From(s.TpotMs),
            ItlMs = StatsDocument.From(s.ItlMs),
            E2elMs = StatsDocument.From(s.E2elMs),
            QueueMs = StatsDocument.From(s.QueueMs),
            Preemptions = s.Preemptions,
            GpuTimeShares = GpuTimeSharesDocument.From(s),
            PeakKvOccupancy = s.PeakKvOccupancy,
            Pools = s.Pools?.Select(PoolDocument.From).ToArray(),
            KvTransferMs = kv ? StatsDocument.From(s.KvTransferMs!) : null,
            KvWaitMs = kv ? StatsDocument.From(s.KvWaitMs!) : null,
            KvTransferShare = kv ? s.KvTransferShare ?? 0 : null,
            KvTransferBytes = kv ? s.KvTransferBytes ?? 0 : null,
            ExpertLoad = s.ExpertLoad is { } load ? ExpertLoadDocument.From(load) : null,
            PrefixCache = s.PrefixCache is { } prefix ? PrefixCacheDocument.From(prefix) : null,
            Energy = s.Energy is { } energy ? EnergyDocument.From(energy) : null,
            Cost = s.Cost is { } cost ? CostDocument.From(cost) : null,
            Faults = s.Faults is { } faults ? FaultsDocument.From(faults) : null,
            Slo = SloDocument.From(slo),
            Notes = notes.ToArray(),
        };
    }

    /// <summary>The run summary this document holds (at the file's precision when read from one).</summary>
    public RunSummary ToRunSummary() => new(
        RequestsCompleted,
        RequestsRejected,
        DurationS,
        RequestThroughput,
        OutputThroughput,
        TotalTokenThroughput,
        Goodput,
        SloAttainment,
        TtftMs.ToStats(),
        TpotMs.ToStats(),
        ItlMs.ToStats(),
        E2elMs.ToStats(),
        QueueMs.ToStats(),
        Preemptions,
        GpuTimeShares.Compute,
        GpuTimeShares.TpComm,
        GpuTimeShares.PpComm,
        GpuTimeShares.OtherComm,
        GpuTimeShares.Bubble,
        GpuTimeShares.Idle,
        PeakKvOccupancy)
    {
        MaxConcurrentRequests = MaxConcurrentRequests,
        Pools = Pools?.Select(p => p.ToPool()).ToArray(),
        KvTransferMs = KvTransferMs?.ToStats(),
        KvWaitMs = KvWaitMs?.ToStats(),
        KvTransferShare = KvTransferShare,
        KvTransferBytes = KvTransferBytes,
        ExpertLoad = ExpertLoad?.ToStats(),
        PrefixCache = PrefixCache?.ToSummary(),
        Energy = Energy?.ToSummary(),
        Cost = Cost?.ToSummary(),
        Faults = Faults?.ToSummary(),
    };
}
