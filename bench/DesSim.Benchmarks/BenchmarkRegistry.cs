using DesSim.Core;

namespace DesSim.Benchmarks;

/// <summary>The benchmarks <c>dessim-bench</c> knows.</summary>
public static class BenchmarkRegistry
{
    private static readonly IBenchmark[] All =
    [
        new EngineHoldBenchmark(),
        new TraceStreamBenchmark(),
        new CostBenchmark(),
        new EpCpBenchmark(),
        new SweepBenchmark(),
        new AzureConvHourBenchmark(),
        new Synthetic1MBenchmark(),
        new ScalingBenchmark(),
        new Replay10MBenchmark(),
        new DisaggregationBenchmark(),
        new ReportBenchmark(),
        new PhasesBenchmark(),
    ];

    /// <summary>Benchmark names.</summary>
    public static IEnumerable<string> Names => All.Select(b => b.Name);

    /// <summary>Runs one benchmark by name, or all of them.</summary>
    public static int Run(string name, BenchOptions options, TextWriter output)
    {
        var chosen = name == "all" ? All : All.Where(b => b.Name == name).ToArray();
        if (chosen.Length == 0)
        {
            throw new InputException("bench", null, $"unknown benchmark '{name}'", $"valid: {string.Join(", ", Names)}, all");
        }

        output.WriteLine($"# machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        foreach (var b in chosen)
        {
            output.WriteLine($"== {b.Name}: {b.Description}");
            b.Run(options, output);
        }

        return 0;
    }
}
