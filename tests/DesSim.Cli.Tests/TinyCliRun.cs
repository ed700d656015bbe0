namespace DesSim.Cli.Tests;

/// <summary>Shared fixture of the report and compare command tests: a fresh temporary root per test and a 30-request
/// Llama-3.1-8B scenario on two H100s (TP1 × PP2) that runs in well under a second.</summary>
public abstract class TinyCliRun
{
    /// <summary>The test's temporary directory (created before each test, deleted after it).</summary>
    protected string Root { get; private set; } = string.Empty;

    /// <summary>The tiny scenario named <paramref name="name"/> with <paramref name="seed"/>, plus <paramref name="extraYaml"/>
    /// (whole top-level lines, e.g. an SLO or outputs mapping).</summary>
    protected static string Scenario(string name, int seed, string extraYaml) => $$"""
        name: {{name}}
        seed: {{seed}}
        model: llama-3.1-8b
        cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 2 }
        parallelism: { tp: 1, pp: 2 }
        workload:
          requests: 30
          arrival: { process: poisson, rate: 15 }
          input_tokens: { dist: uniform, min: 100, max: 1500 }
          output_tokens: { dist: uniform, min: 20, max: 200 }
        {{extraYaml}}
        """;

    /// <summary>Writes <paramref name="yaml"/> to <c>s.yaml</c> in <see cref="Root"/> and returns its path.</summary>
    protected string WriteScenario(string yaml)
    {
        var path = Path.Combine(Root, "s.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Creates <see cref="Root"/>.</summary>
    [SetUp]
    public void MakeRoot()
    {
        Root = Path.Combine(Path.GetTempPath(), $"dessim-cli-{GetType().Name}-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>Deletes <see cref="Root"/>.</summary>
    [TearDown]
    public void DeleteRoot() => Directory.Delete(Root, recursive: true);
}
