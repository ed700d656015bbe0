namespace DesSim.Benchmarks;

/// <summary>A named benchmark that prints rates and ratios.</summary>
public interface IBenchmark
{
    /// <summary>The benchmark's name on the command line.</summary>
    string Name { get; }

    /// <summary>What it measures.</summary>
    string Description { get; }

    /// <summary>Runs it, writing results to <paramref name="output"/>.</summary>
    void Run(BenchOptions options, TextWriter output);
}
