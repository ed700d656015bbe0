namespace DesSim.Core.Configuration;

/// <summary>The valid ranges of the scenario's numeric keys (docs/scenarios.md, "Valid ranges"), checked at load so
/// that no value can drive simulated time (signed 64-bit nanoseconds: about 292 years) out of range.</summary>
/// <remarks>Each bound is a named limit with its reason; values beyond them are typos or hostile, not configurations.</remarks>
public static class InputRanges
{
    /// <summary>Longest simulated time any key may name (one year, seconds): horizons, offsets, fault times, timelines.</summary>
    public const double MaxTimeSeconds = 365 * 24 * 3600.0;

    /// <summary>Lowest arrival rate (requests/s): one request per 11.6 days; slower loads arrive after the horizon.</summary>
    public const double MinRatePerSecond = 1e-6;

    /// <summary>Highest arrival rate (requests/s): ten million; far beyond any cluster's capacity.</summary>
    public const double MaxRatePerSecond = 1e7;

    /// <summary>Range of a trace's <c>rate_scale</c> (a factor on the arrival rate).</summary>
    public const double MinRateScale = 1e-6;

    /// <summary>Upper end of <c>rate_scale</c>.</summary>
    public const double MaxRateScale = 1e6;

    /// <summary>Shortest non-zero <c>outputs.timeseries_step_s</c> (1 ms): finer steps only repeat the same state.</summary>
    public const double MinSampleStepSeconds = 1e-3;

    /// <summary>Most rows of <c>timeseries.csv</c> (≈ 100 MB of CSV); a longer run needs a coarser step.</summary>
    public const long MaxTimeSeriesRows = 1_000_000;

    /// <summary>Largest SLO bound (ms): 10⁹ ms ≈ 11.6 days.</summary>
    public const double MaxSloMs = 1e9;

    /// <summary>Largest <c>router.overlap_weight</c> / <c>load_weight</c>: weights are relative, so 10⁶ : 1 already means "only this term".</summary>
    public const double MaxRouterWeight = 1e6;

    /// <summary>Lowest link or NIC bandwidth (Gb/s): 1 Mb/s.</summary>
    public const double MinBandwidthGbps = 1e-3;

    /// <summary>Highest link bandwidth (Gb/s): 1 Pb/s, 1000× NVLink 5.</summary>
    public const double MaxBandwidthGbps = 1e6;

    /// <summary>Lowest dense TFLOP/s of an inline GPU: 1 GFLOP/s.</summary>
    public const double MinTflops = 1e-3;

    /// <summary>Highest TFLOP/s of an inline GPU: 100 PFLOP/s, 20× a B200's dense FP8.</summary>
    public const double MaxTflops = 1e5;

    /// <summary>Lowest inline GPU memory (GB).</summary>
    public const double MinMemoryGb = 1e-2;

    /// <summary>Highest inline GPU memory (GB): 100 TB.</summary>
    public const double MaxMemoryGb = 1e5;

    /// <summary>Lowest memory bandwidth (TB/s): 1 GB/s.</summary>
    public const double MinMemoryBandwidthTbps = 1e-3;

    /// <summary>Highest memory bandwidth (TB/s): 1 PB/s.</summary>
    public const double MaxMemoryBandwidthTbps = 1e3;

    /// <summary>Largest latency (µs) of a link or collective: one second.</summary>
    public const double MaxLatencyUs = 1e6;

    /// <summary>Lowest link degradation factor: the link keeps a millionth of its bandwidth.</summary>
    public const double MinLinkFactor = 1e-6;
}
