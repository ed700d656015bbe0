using System.Globalization;

namespace DesSim.Benchmarks;

/// <summary>1,000,000 Poisson requests with lognormal lengths on 4 DP replicas of TP2 × PP1 (Llama-3.1-8B, 8×H100).</summary>
/// <remarks>Prints wall time, simulated requests/s, events/s, GC counts, allocation, peak managed heap and the process's
/// peak working set. <c>--quick</c>: 100,000 requests.</remarks>
public sealed class Synthetic1MBenchmark : IBenchmark
{
    private const int FullRequests = 1_000_000; // the size
    private const int QuickRequests = 100_000;

    /// <inheritdoc />
    public string Name => "synthetic-1m";

    /// <inheritdoc />
    public string Description => "1 M Poisson requests, lognormal lengths, 4 DP replicas of TP2xPP1: wall, req/s, events/s, memory, GCs";

    /// <inheritdoc />
    public void Run(BenchOptions options, TextWriter output)
    {
        int requests = options.Quick ? QuickRequests : FullRequests;
        var m = BenchScenarios.Measure(BenchScenarios.SyntheticDp4(requests));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests={requests:N0}  {BenchScenarios.Describe(m)}"));
    }
}
