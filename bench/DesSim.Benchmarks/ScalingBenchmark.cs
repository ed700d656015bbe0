using System.Globalization;

namespace DesSim.Benchmarks;

/// <summary>The <c>synthetic-1m</c> workload at 10k, 100k and 1M requests: wall-time ratios (linear scaling gives 10).</summary>
/// <remarks><c>--quick</c>: 1k, 10k and 100k.</remarks>
public sealed class ScalingBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "scaling";

    /// <inheritdoc />
    public string Description => "the synthetic workload at 10k / 100k / 1M requests: wall-time ratios (linear = 10)";

    /// <inheritdoc />
    public void Run(BenchOptions options, TextWriter output)
    {
        int[] sizes = options.Quick ? [1_000, 10_000, 100_000] : [10_000, 100_000, 1_000_000];
        BenchScenarios.Measure(BenchScenarios.SyntheticDp4(sizes[0])); // warm-up (JIT)
        double previous = 0;
        foreach (int n in sizes)
        {
            var m = BenchScenarios.Measure(BenchScenarios.SyntheticDp4(n));
            string ratio = previous > 0 ? string.Create(CultureInfo.InvariantCulture, $"x{m.WallSeconds / previous:F2} vs previous") : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests={n,9:N0}  {ratio,-16}  {BenchScenarios.Describe(m)}"));
            previous = m.WallSeconds;
        }
    }
}
