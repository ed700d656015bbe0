using System.Globalization;
using DesSim.Engine;

namespace DesSim.Benchmarks;

/// <summary>The <c>synthetic-1m</c> workload written to trace files of 1 M and 10 M requests and replayed from them through
/// <c>dessim run</c>'s scenario path: wall, req/s, events/s and memory of each, and the 10 M / 1 M ratios.</summary>
/// <remarks>
/// Files (generic format: <c>arrival_s,input_tokens,output_tokens</c>; Poisson arrivals at
/// <see cref="BenchScenarios.SyntheticRatePerSecond"/>, lognormal lengths as <see cref="BenchScenarios.SyntheticDp4"/>) go to a
/// temporary directory and are deleted afterwards (10 M rows ≈ 250 MB). The small file runs first, so the process's peak
/// working set after the large run shows any growth with the number of requests. <c>--quick</c>: 100 k and 1 M.
/// </remarks>
public sealed class Replay10MBenchmark : IBenchmark
{
    private const int FullRequests = 10_000_000; // the 10 M-request replay
    private const int QuickRequests = 1_000_000;
    private const int SizeRatio = 10;
    private const double InputMeanTokens = 512, OutputMeanTokens = 128, LengthSigma = 0.8; // as synthetic-1m
    private const int InputMaxTokens = 8000, OutputMaxTokens = 2000;

    /// <inheritdoc />
    public string Name => "replay-10m";

    /// <inheritdoc />
    public string Description => "synthetic-1m's workload replayed from 1 M- and 10 M-request trace files: wall, memory, 10M/1M ratios";

    /// <inheritdoc />
    public void Run(BenchOptions options, TextWriter output)
    {
        int large = options.Quick ? QuickRequests : FullRequests;
        int small = large / SizeRatio;
        var dir = Path.Combine(Path.GetTempPath(), "dessim-replay-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        try
        {
            var smallPath = Path.Combine(dir, "small.csv");
            var largePath = Path.Combine(dir, "large.csv");
            Generate(smallPath, small);
            Generate(largePath, large);
            var a = BenchScenarios.Measure(Scenario(smallPath));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests={small:N0}  {BenchScenarios.Describe(a)}"));
            var b = BenchScenarios.Measure(Scenario(largePath));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests={large:N0}  {BenchScenarios.Describe(b)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratios ({SizeRatio}x requests): wall {b.WallSeconds / a.WallSeconds:F2}  peak working set {b.PeakWorkingSetBytes / (double)a.PeakWorkingSetBytes:F2}  peak heap {b.PeakHeapBytes / (double)a.PeakHeapBytes:F2}"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Core.Scenarios.Scenario Scenario(string trace) => BenchScenarios.Dp4("replay-dp4", $"""
          trace: "{trace}"
          format: generic
        """);

    // Poisson arrivals and clamped lognormal lengths from the project's own random streams (fixed seed).
    private static void Generate(string path, int requests)
    {
        var streams = new RandomStreams(1);
        var gaps = streams.Get("arrivals");
        var lengths = streams.Get("lengths");
        using var w = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 20);
        w.Write("arrival_s,input_tokens,output_tokens\n");
        double t = 0;
        for (int i = 0; i < requests; i++)
        {
            t += -Math.Log(1 - gaps.NextDouble()) / BenchScenarios.SyntheticRatePerSecond;
            int input = Lognormal(lengths, InputMeanTokens, InputMaxTokens);
            int output = Lognormal(lengths, OutputMeanTokens, OutputMaxTokens);
            w.Write(string.Create(CultureInfo.InvariantCulture, $"{t:F6},{input},{output}\n"));
        }
    }

    // A lognormal with the given mean (μ = ln mean − σ²/2), rounded, in [1, max].
    private static int Lognormal(RandomStream random, double mean, int max)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        double mu = Math.Log(mean) - (LengthSigma * LengthSigma / 2);
        return (int)Math.Clamp(Math.Round(Math.Exp(mu + (LengthSigma * z))), 1, max);
    }
}
