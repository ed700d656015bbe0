namespace DesSim.Cli.Tests;

/// <summary>The unit keys end to end (docs/scenarios.md, "Units in key names"): a deprecated spelling runs with a
/// <c>note:</c> line and the note in summary.json; both spellings exit 2 with one line naming the key.</summary>
public sealed class UnitKeyCommandTests
{
    private const string Scenario = """
        name: units
        model: llama-3.1-8b
        cost_model: roofline
        cluster: { gpus_per_node: 1, gpu: { name: g, bf16_tflops: 900, memory_gb: 80, memory_bandwidth_tbyte_s: 2, fabric: pcie, HOST } }
        workload: { requests: 2, arrival: { process: burst }, input_tokens: 64, output_tokens: 2 }
        outputs: { timeseries_step_s: 0 }
        """;

    private static (int Code, string Out, string Err, string Dir) Run(string host, bool quiet = true)
    {
        var dir = Directory.CreateTempSubdirectory("dessim-units-").FullName;
        var path = Path.Combine(dir, "s.yaml");
        File.WriteAllText(path, Scenario.Replace("HOST", host, StringComparison.Ordinal));
        string[] args = ["run", path, "--out", Path.Combine(dir, "out")];
        var (code, stdout, stderr) = CliTests.Run(quiet ? [.. args, "--quiet"] : args);
        return (code, stdout, stderr, dir);
    }

    [Test]
    public void A_deprecated_key_runs_with_a_note_printed_and_kept_in_summary_json()
    {
        var (code, stdout, stderr, dir) = Run("host_link_gbps: 25", quiet: false);
        try
        {
            Assert.That(code, Is.Zero, stderr);
            const string note = "cluster.gpu.host_link_gbps is deprecated: write host_link_gbyte_s (the same value, in GB/s)";
            Assert.That(File.ReadAllText(Path.Combine(dir, "out", "summary.json")), Does.Contain(note));
            Assert.That(stdout, Does.Contain("note: " + note + "\n"), "one line, with the run's other notes");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void The_new_key_runs_without_a_note()
    {
        var (code, _, stderr, dir) = Run("host_link_gbyte_s: 25");
        try
        {
            Assert.That(code, Is.Zero, stderr);
            Assert.That(File.ReadAllText(Path.Combine(dir, "out", "summary.json")), Does.Not.Contain("deprecated"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Both_spellings_exit_2_with_one_line_naming_the_key()
    {
        var (code, _, stderr, dir) = Run("host_link_gbyte_s: 25, host_link_gbps: 25");
        try
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), stderr);
            Assert.That(stderr, Does.Contain("cluster.gpu.host_link_gbyte_s: is given twice, also as host_link_gbps"));
            Assert.That(Directory.Exists(Path.Combine(dir, "out")), Is.False, "nothing is written");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
