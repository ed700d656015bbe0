using System.Globalization;
using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace DesSim.Core.Workload;

/// <summary>Reads a scenario's <c>workload:</c> mapping into a <see cref="WorkloadSpec"/>, rejecting unknown keys with did-you-mean.</summary>
/// <remarks>
/// A <c>trace:</c> key makes a <see cref="TraceWorkloadSpec"/>; otherwise <c>arrival:</c> makes a <see cref="SyntheticWorkloadSpec"/>.
/// File paths resolve against the scenario's directory first, then the current directory. Every key is documented in docs/workload.md.
/// </remarks>
public static class WorkloadSpecReader
{
    private static readonly string[] Formats = ["auto", "azure", "vidur", "mooncake", "burstgpt", "splitwise", "generic"];
    private static readonly string[] TooLong = ["truncate", "drop"];
    private static readonly string[] Processes = ["poisson", "gamma", "constant", "piecewise", "diurnal", "closed-loop", "burst"];
    private static readonly string[] Distributions = ["fixed", "uniform", "normal", "lognormal", "zipf", "empirical"];
    private static readonly string[] SyntheticOnlyKeys = ["arrival", "requests", "input_tokens", "output_tokens"];

    /// <summary>Reads the mapping.</summary>
    /// <param name="workload">The scenario's <c>workload:</c> section.</param>
    /// <param name="scenarioDirectory">Directory of the scenario file, for relative paths.</param>
    /// <exception cref="InputException">A missing, unknown or out-of-range key, or a file that exists in neither place.</exception>
    public static WorkloadSpec Read(YamlSection workload, string scenarioDirectory)
    {
        ArgumentNullException.ThrowIfNull(workload);
        WorkloadSpec spec = workload.Has("trace") ? ReadTrace(workload, scenarioDirectory) : ReadSynthetic(workload, scenarioDirectory);
        workload.RejectUnknownKeys();
        return spec;
    }

    /// <summary>Resolves <paramref name="value"/> against <paramref name="scenarioDirectory"/>, then the current directory.</summary>
    /// <exception cref="InputException">Neither exists; the message names both paths tried.</exception>
    public static string ResolvePath(YamlSection section, string key, string value, string scenarioDirectory)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (Path.IsPathRooted(value))
        {
            return File.Exists(value) ? value : throw section.Error(key, $"file not found: {value}");
        }

        var first = Path.GetFullPath(Path.Combine(scenarioDirectory, value));
        if (File.Exists(first))
        {
            return first;
        }

        var second = Path.GetFullPath(value);
        if (File.Exists(second))
        {
            return second;
        }

        throw section.Error(key, $"file '{value}' not found: tried {first} and {second}");
    }

    private static TraceWorkloadSpec ReadTrace(YamlSection w, string dir)
    {
        foreach (var k in SyntheticOnlyKeys)
        {
            if (w.Node.Children.Keys.OfType<YamlScalarNode>().Any(n => n.Value == k))
            {
                throw w.Error(k, "applies to synthetic workloads only; a trace brings its own arrivals and lengths", "remove it, or remove 'trace' for synthetic load");
            }
        }

        var path = ResolvePath(w, "trace", w.RequireString("trace"), dir);
        var format = TraceFiles.ParseFormat(w.GetEnum("format", Formats, "auto"))!.Value;
        var burst = w.GetSection("burstgpt");
        string? model = null, logType = null;
        if (burst is not null)
        {
            model = burst.GetString("model");
            logType = burst.GetString("log_type");
            burst.RejectUnknownKeys();
        }

        var spec = new TraceWorkloadSpec(path, format)
        {
            SkipInvalid = w.GetBool("skip_invalid", false)!.Value,
            StartSeconds = w.GetDouble("start_s", null, 0, InputRanges.MaxTimeSeconds),
            DurationSeconds = w.GetDouble("duration_s", null, 0, InputRanges.MaxTimeSeconds, exclusiveMin: true),
            MaxRequests = w.GetLong("max_requests", null, 1),
            RateScale = w.GetDouble("rate_scale", 1.0, InputRanges.MinRateScale, InputRanges.MaxRateScale)!.Value,
            SampleFraction = w.GetDouble("sample_fraction", 1.0, 0, 1, exclusiveMin: true)!.Value,
            MaxModelLenTokens = w.GetInt("max_model_len", null, 2),
            OnTooLong = ReadTooLong(w),
            ReorderWindowRows = w.GetInt("reorder_window", TraceWorkloadSpec.DefaultReorderWindowRows, 0, 10_000_000)!.Value,
            BurstGptModel = model,
            BurstGptLogType = logType,
        };
        return spec;
    }

    private static TooLongPolicy ReadTooLong(YamlSection w) =>
        w.GetEnum("on_too_long", TooLong, "truncate") == "drop" ? TooLongPolicy.Drop : TooLongPolicy.Truncate;

    private static SyntheticWorkloadSpec ReadSynthetic(YamlSection w, string dir)
    {
        var arrivalSection = w.GetSection("arrival") ?? throw w.Error("arrival", "is required (or give a 'trace')", "e.g. arrival: { process: poisson, rate: 10 }");
        var arrival = ReadArrival(arrivalSection);
        long? requests = w.GetLong("requests", null, 1, TraceLimits.MaxSyntheticRequests);
        double? duration = w.GetDouble("duration_s", null, 0, InputRanges.MaxTimeSeconds, exclusiveMin: true);
        bool selfEnding = arrival.Process == ArrivalProcess.Piecewise && !arrival.Repeat;
        if (arrival.Process is ArrivalProcess.ClosedLoop or ArrivalProcess.Burst && requests is null)
        {
            throw w.Error("requests", $"is required for the {Processes[(int)arrival.Process]} process");
        }

        var sessions = w.GetSection("sessions") is { } ss ? ReadSessions(ss, dir) : null;
        if (sessions is not null && arrival.Process is ArrivalProcess.ClosedLoop or ArrivalProcess.Burst)
        {
            throw arrivalSection.Error("process", "cannot start sessions: a session's later turns already wait for answers", "use an open-loop process for session starts, e.g. { process: poisson, rate: 2 }");
        }

        if (requests is null && duration is null && !selfEnding && sessions is null)
        {
            throw w.Error("requests", "is required (or duration_s): otherwise the load never ends");
        }

        return new SyntheticWorkloadSpec(arrival, ReadLength(w, "input_tokens", dir), ReadLength(w, "output_tokens", dir))
        {
            MaxRequests = requests,
            DurationSeconds = duration,
            MaxModelLenTokens = w.GetInt("max_model_len", null, 2),
            OnTooLong = ReadTooLong(w),
            Sessions = sessions,
        };
    }

    private static SessionWorkloadSpec ReadSessions(YamlSection s, string dir)
    {
        long count = s.GetLong("count", null, 1, TraceLimits.MaxSyntheticRequests) ?? throw s.Error("count", "is required (how many sessions start)");
        var turns = s.Has("turns") ? ReadLength(s, "turns", dir) : new LengthSpec(LengthDistribution.Fixed) { ValueTokens = 1 };
        ThinkTimeSpec think;
        var (scalar, section) = s.GetScalarOrSection("think_time_s");
        if (section is not null)
        {
            var dist = section.GetEnum("dist", ["fixed", "exponential"], "exponential");
            double mean = section.GetDouble(dist == "fixed" ? "value" : "mean", null, 0, InputRanges.MaxTimeSeconds) ?? throw section.Error(dist == "fixed" ? "value" : "mean", $"is required for dist: {dist} (seconds)");
            section.RejectUnknownKeys();
            think = new ThinkTimeSpec(mean, dist == "exponential");
        }
        else
        {
            think = new ThinkTimeSpec(scalar is null ? 0 : s.GetDouble("think_time_s", 0, 0, InputRanges.MaxTimeSeconds)!.Value, false);
        }

        var system = SystemPromptSpec.None;
        if (s.GetSection("system_prompts") is { } p)
        {
            var popularity = p.GetEnum("popularity", ["zipf", "uniform"], "zipf");
            system = new SystemPromptSpec(
                p.GetInt("count", null, 0, 1_000_000) ?? throw p.Error("count", "is required (distinct system prompts)"),
                p.GetInt("tokens", null, 1, TraceLimits.MaxTokens) ?? throw p.Error("tokens", "is required (tokens of each system prompt)"),
                popularity == "zipf",
                p.GetDouble("exponent", 1.0, 0, 20, exclusiveMin: true)!.Value);
            p.RejectUnknownKeys();
        }

        s.RejectUnknownKeys();
        return new SessionWorkloadSpec(count, turns, think, system);
    }

    private static ArrivalSpec ReadArrival(YamlSection a)
    {
        var name = a.GetEnum("process", Processes, "poisson");
        var process = (ArrivalProcess)Array.IndexOf(Processes, name);
        bool needsRate = process is ArrivalProcess.Poisson or ArrivalProcess.Gamma or ArrivalProcess.Constant or ArrivalProcess.Diurnal;
        double rate = a.GetDouble("rate", null, InputRanges.MinRatePerSecond, InputRanges.MaxRatePerSecond) ?? (needsRate ? throw a.Error("rate", $"is required for the {name} process (requests per second)") : 0);
        var spec = new ArrivalSpec(process) { RequestsPerSecond = rate };
        switch (process)
        {
            case ArrivalProcess.Gamma:
                spec = spec with { Cv = a.GetDouble("cv", null, 0, 100, exclusiveMin: true) ?? throw a.Error("cv", "is required for the gamma process (coefficient of variation of gaps; 1 = Poisson)") };
                break;
            case ArrivalProcess.ClosedLoop:
                spec = spec with
                {
                    Concurrency = a.GetInt("concurrency", null, 1) ?? throw a.Error("concurrency", "is required for the closed-loop process (number of users)"),
                    ThinkTimeSeconds = a.GetDouble("think_time_s", 0, 0, InputRanges.MaxTimeSeconds)!.Value,
                    RampSeconds = a.GetDouble("ramp_s", 0, 0, InputRanges.MaxTimeSeconds)!.Value,
                };
                break;
            case ArrivalProcess.Piecewise:
                spec = spec with { Segments = ReadSegments(a), Repeat = a.GetBool("repeat", false)!.Value };
                break;
            case ArrivalProcess.Diurnal:
                spec = spec with
                {
                    Amplitude = a.GetDouble("amplitude", 0.5, 0, 1)!.Value,
                    PeriodSeconds = a.GetDouble("period_s", 86_400, 1e-3, InputRanges.MaxTimeSeconds)!.Value,
                    PhaseSeconds = a.GetDouble("phase_s", 0, -InputRanges.MaxTimeSeconds, InputRanges.MaxTimeSeconds)!.Value,
                };
                break;
        }

        a.RejectUnknownKeys();
        return spec;
    }

    private static List<RateSegment> ReadSegments(YamlSection a)
    {
        var items = a.GetList("segments") ?? throw a.Error("segments", "is required for the piecewise process", "e.g. segments: [{ duration_s: 60, rate: 5 }, { duration_s: 60, rate: 20 }]");
        var result = new List<RateSegment>();
        for (int i = 0; i < items.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{a.PathOf("segments")}[{i}]");
            if (items[i] is not YamlMappingNode m)
            {
                throw a.Error(items[i], path, "expected a mapping { duration_s, rate }");
            }

            var s = new YamlSection(m, a.File, path, a.Notes);
            var seg = new RateSegment(
                s.GetDouble("duration_s", null, 0, InputRanges.MaxTimeSeconds, exclusiveMin: true) ?? throw s.Error("duration_s", "is required"),
                s.GetDouble("rate", null, 0, InputRanges.MaxRatePerSecond) ?? throw s.Error("rate", "is required (requests per second)"));
            s.RejectUnknownKeys();
            result.Add(seg);
        }

        if (result.Count == 0 || result.All(r => r.RequestsPerSecond == 0))
        {
            throw a.Error("segments", "needs at least one segment with a positive rate");
        }

        return result;
    }

    private static LengthSpec ReadLength(YamlSection w, string key, string dir)
    {
        var (scalar, section) = w.GetScalarOrSection(key);
        if (scalar is not null)
        {
            int v = w.GetInt(key, null, 1, TraceLimits.MaxTokens)!.Value;
            return new LengthSpec(LengthDistribution.Fixed) { ValueTokens = v };
        }

        if (section is null)
        {
            throw w.Error(key, "is required for synthetic load", "e.g. " + key + ": { dist: lognormal, mean: 512, sigma: 0.8 } or " + key + ": 256");
        }

        var dist = (LengthDistribution)Array.IndexOf(Distributions, section.GetEnum("dist", Distributions, "fixed"));
        int min = section.GetInt("min", 1, 1, TraceLimits.MaxTokens)!.Value;
        int max = section.GetInt("max", TraceLimits.MaxTokens, 1, TraceLimits.MaxTokens)!.Value;
        if (max < min)
        {
            throw section.Error("max", string.Create(CultureInfo.InvariantCulture, $"{max} is below min ({min})"));
        }

        var spec = new LengthSpec(dist) { MinTokens = min, MaxTokens = max };
        double Mean() => section.GetDouble("mean", null, 0, TraceLimits.MaxTokens, exclusiveMin: true) ?? throw section.Error("mean", $"is required for dist: {Distributions[(int)dist]}");
        switch (dist)
        {
            case LengthDistribution.Fixed:
                spec = spec with { ValueTokens = section.GetInt("value", null, 1, TraceLimits.MaxTokens) ?? throw section.Error("value", "is required for dist: fixed") };
                break;
            case LengthDistribution.Uniform:
                if (!section.Has("min") || !section.Has("max"))
                {
                    throw section.Error(section.Has("min") ? "max" : "min", "is required for dist: uniform");
                }

                break;
            case LengthDistribution.Normal:
                {
                    double mean = Mean();
                    double? std = section.GetDouble("std", null, 0);
                    double? cv = section.GetDouble("cv", null, 0);
                    spec = spec with { MeanTokens = mean, StdTokens = std ?? (cv * mean) ?? throw section.Error("std", "is required for dist: normal (or cv)") };
                    break;
                }

            case LengthDistribution.LogNormal:
                {
                    double mean = Mean();
                    double? sigma = section.GetDouble("sigma", null, 0, 10);
                    double? cv = section.GetDouble("cv", null, 0);
                    // Why: for a log-normal, CV² = exp(σ²) − 1.
                    spec = spec with { MeanTokens = mean, Sigma = sigma ?? (cv is { } c ? Math.Sqrt(Math.Log(1 + (c * c))) : throw section.Error("sigma", "is required for dist: lognormal (or cv)")) };
                    break;
                }

            case LengthDistribution.Zipf:
                if (!section.Has("max"))
                {
                    throw section.Error("max", "is required for dist: zipf (the largest rank)");
                }

                spec = spec with { Exponent = section.GetDouble("exponent", null, 0, 20, exclusiveMin: true) ?? throw section.Error("exponent", "is required for dist: zipf") };
                break;
            case LengthDistribution.Empirical:
                {
                    var file = section.GetString("file");
                    var trace = section.GetString("trace");
                    if ((file is null) == (trace is null))
                    {
                        throw section.Error("file", "dist: empirical needs exactly one of 'file' (a lengths CSV) or 'trace' (a trace's own lengths)");
                    }

                    spec = file is not null
                        ? spec with { File = ResolvePath(section, "file", file, dir), Column = section.GetString("column") }
                        : spec with { File = ResolvePath(section, "trace", trace!, dir), FromTrace = true, TraceFormat = TraceFiles.ParseFormat(section.GetEnum("format", Formats, "auto"))!.Value };
                    break;
                }
        }

        section.RejectUnknownKeys();
        return spec;
    }
}
