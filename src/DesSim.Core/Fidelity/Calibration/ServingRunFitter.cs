using System.Globalization;
using DesSim.Core.Configuration;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>Fits an engine's CPU-time constants (per-step <c>iteration_overhead_ms</c> and per-sequence
/// <c>per_sequence_overhead_ms</c>) to measured serving benchmarks by re-running each one as a DesSim scenario.</summary>
/// <remarks>
/// Each <see cref="ServingRun"/> is simulated under its engine and version with the candidate constants as
/// <c>overrides</c>: a closed loop of <see cref="ServingRun.MaxConcurrency"/> users, a Poisson load at the request rate, or
/// every request at once, with the run's mean prompt and output lengths; the prediction is the benchmark client's mean TTFT
/// and TPOT (<see cref="BenchmarkClientStats"/>). In a closed loop the constants do not add linearly (a longer step changes
/// how requests batch), so the fit is a direct search: coordinate descent with golden-section steps over
/// [0, <see cref="MaxIterationMs"/>] ms per step and [0, <see cref="MaxPerSequenceMs"/>] ms per sequence, minimizing the sum
/// of squared relative TTFT and TPOT errors over the fit rows (hold-out rows are only reported). Deterministic.
/// </remarks>
public static class ServingRunFitter
{
    /// <summary>Upper end of the per-step search, ms.</summary>
    public const double MaxIterationMs = 20;

    /// <summary>Upper end of the per-sequence search, ms.</summary>
    public const double MaxPerSequenceMs = 1;

    private const int Rounds = 2;
    private const int GoldenSteps = 14;
    private static readonly double InvPhi = (Math.Sqrt(5) - 1) / 2;

    /// <summary>Fits <paramref name="name"/>'s constants on the fit rows of <paramref name="runs"/>; the baseline is the
    /// engine's own defaults (no overrides).</summary>
    /// <exception cref="InputException">No fit rows, or a run cannot be simulated.</exception>
    public static EngineFitResult Fit(IReadOnlyList<ServingRun> runs, string name)
    {
        var fit = runs.Where(r => !r.Measured.HoldOut).ToArray();
        if (fit.Length == 0)
        {
            throw new InputException("runs", "split", "every run is held out", "mark some runs split=fit (--metadata split=fit)");
        }

        var baseline = runs.Select(r => new RunComparison(r.Measured, Predict(r, null))).ToArray();
        var memo = new Dictionary<(double, double), double>();
        double Cost(double it, double seq)
        {
            var key = (Math.Round(it, 6), Math.Round(seq, 6));
            if (!memo.TryGetValue(key, out var c))
            {
                c = fit.Sum(r => Error(r, Predict(r, key)));
                memo[key] = c;
            }

            return c;
        }

        double iteration = 0, perSequence = 0;
        for (int round = 0; round < Rounds; round++)
        {
            double s = perSequence;
            iteration = Golden(x => Cost(x, s), 0, MaxIterationMs);
            double i = iteration;
            perSequence = Golden(x => Cost(i, x), 0, MaxPerSequenceMs);
        }

        var best = (Math.Round(iteration, 6), Math.Round(perSequence, 6));
        var engine = new EngineOverheads(name, best.Item1 / 1e3, best.Item2 / 1e3);
        var fitted = runs.Select(r => new RunComparison(r.Measured, Predict(r, best))).ToArray();
        return new EngineFitResult(engine, fitted, baseline);
    }

    /// <summary>The scenario a run is re-simulated with; <paramref name="overrides"/> = (iteration ms, per-sequence ms) or null.</summary>
    public static string ScenarioYaml(ServingRun run, (double IterationMs, double PerSequenceMs)? overrides)
    {
        var m = run.Measured;
        var inv = CultureInfo.InvariantCulture;
        string version = run.EngineVersion is { } v ? $", version: {YamlText.Quote(v)}" : string.Empty;
        string over = overrides is { } o ? string.Create(inv, $", overrides: {{ iteration_overhead_ms: {o.IterationMs:R}, per_sequence_overhead_ms: {o.PerSequenceMs:R} }}") : string.Empty;
        string arrival = run.MaxConcurrency is { } c ? string.Create(inv, $"{{ process: closed-loop, concurrency: {c} }}")
            : run.RequestRate is { } rate ? string.Create(inv, $"{{ process: poisson, rate: {rate:R} }}")
            : "{ process: burst }";
        return string.Create(inv, $$"""
            name: fit-{{m.Id}}
            model: {{YamlText.Quote(m.Model)}}
            precision: {{m.Precision}}
            cluster: { gpu: {{YamlText.Quote(m.Gpu)}}, nodes: 1, gpus_per_node: {{m.Tp * m.Pp}} }
            parallelism: { tp: {{m.Tp}}, pp: {{m.Pp}}, dp: 1 }
            engine: { name: {{run.Engine}}{{version}}{{over}} }
            workload:
              requests: {{run.Requests}}
              arrival: {{arrival}}
              input_tokens: {{m.InputTokens}}
              output_tokens: {{m.OutputTokens}}
            """);
    }

    /// <summary>DesSim's mean TTFT and TPOT for <paramref name="run"/> as its benchmark client reports them.</summary>
    public static RunPrediction Predict(ServingRun run, (double IterationMs, double PerSequenceMs)? overrides)
    {
        var source = run.Measured.SourceFile ?? run.Measured.Id;
        Scenario scenario;
        try
        {
            var root = YamlDocumentLoader.Parse(ScenarioYaml(run, overrides), source);
            scenario = ScenarioLoader.Read(root, source, Directory.GetCurrentDirectory());
        }
        catch (InputException e)
        {
            throw new InputException(source, null, "cannot be simulated: " + e.Message);
        }

        var result = ScenarioRunner.Run(scenario);
        var (ttft, tpot, _) = BenchmarkClientStats.Measure(result.Result.Requests, 0);
        return new RunPrediction(ttft, tpot, result.Result.Notes);
    }

    private static double Error(ServingRun r, RunPrediction p)
    {
        double e = 0;
        if (r.Measured.TtftMs is { } t)
        {
            e += Sq((p.TtftMs - t) / t);
        }

        if (r.Measured.TpotMs is { } d && double.IsFinite(p.TpotMs))
        {
            e += Sq((p.TpotMs - d) / d);
        }

        return double.IsFinite(e) ? e : double.MaxValue;
    }

    private static double Sq(double x) => x * x;

    // Golden-section search for the minimum of f on [lo, hi]; returns the best point evaluated (ends included).
    private static double Golden(Func<double, double> f, double lo, double hi)
    {
        double a = lo, b = hi;
        double c = b - (InvPhi * (b - a)), d = a + (InvPhi * (b - a));
        double fc = f(c), fd = f(d);
        for (int k = 0; k < GoldenSteps; k++)
        {
            if (fc <= fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (InvPhi * (b - a));
                fc = f(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (InvPhi * (b - a));
                fd = f(d);
            }
        }

        var candidates = new[] { (x: lo, v: f(lo)), (x: hi, v: f(hi)), (x: c, v: fc), (x: d, v: fd) };
        return candidates.OrderBy(p => p.v).ThenBy(p => p.x).First().x;
    }
}
