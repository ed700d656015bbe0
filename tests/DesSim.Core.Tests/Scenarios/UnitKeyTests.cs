using DesSim.Core.Configuration;
using DesSim.Core.Cost;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Scenarios;

/// <summary>The unambiguous unit keys (docs/scenarios.md, "Units in key names"): each new key's unit, the deprecated
/// spellings (same value, one note), and both spellings at once (exit 2 naming the key).</summary>
public sealed class UnitKeyTests
{
    private const string Base = """
        name: units
        model: llama-3.1-8b
        workload: { requests: 2, arrival: { process: burst }, input_tokens: 64, output_tokens: 2 }
        parallelism: { tp: 1 }

        """;

    private const string InlineGpuNew = "cluster: { gpus_per_node: 2, nodes: 2, inter_node: { bandwidth_gbit_s: 400, latency_us: 2 }, "
        + "gpu: { name: g, bf16_tflops: 900, memory_gb: 80, memory_bandwidth_tbyte_s: 2, fabric: nvswitch, fabric_bandwidth_gbyte_s: 300, host_link_gbyte_s: 25 } }";

    private const string InlineGpuOld = "cluster: { gpus_per_node: 2, nodes: 2, inter_node: { bandwidth_gbps: 400, latency_us: 2 }, "
        + "gpu: { name: g, bf16_tflops: 900, memory_gb: 80, memory_bandwidth_tbps: 2, fabric: nvswitch, fabric_bandwidth_gbps: 300, host_link_gbps: 25 } }";

    private const string Tiers = "scheduler: { enable_prefix_caching: true }\ncluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 1 }\n";

    private static Scenario Read(string yaml) =>
        ScenarioLoader.Read(YamlDocumentLoader.Parse(Base + yaml + "\n", "s.yaml"), "s.yaml", Path.GetTempPath());

    [Test]
    public void Each_new_bandwidth_key_reads_in_its_unit()
    {
        var cluster = Read(InlineGpuNew).Deployment.Cluster;
        Assert.That(cluster.InterNode.Bandwidth.Value, Is.EqualTo(50e9), "bandwidth_gbit_s: 400 Gb/s = 50 GB/s");
        Assert.That(cluster.Gpu.MemoryBandwidth.Value, Is.EqualTo(2e12), "memory_bandwidth_tbyte_s: TB/s");
        Assert.That(cluster.Gpu.FabricBandwidth.Value, Is.EqualTo(300e9), "fabric_bandwidth_gbyte_s: GB/s");
        Assert.That(cluster.Gpu.HostLinkBandwidth.Value, Is.EqualTo(25e9), "host_link_gbyte_s: GB/s");

        var tier = Read(Tiers + "kv_tiers: { disk: { capacity_gb: 100, read_gbyte_s: 7, write_gbyte_s: 4 } }").KvTiers.Single();
        Assert.That((tier.ReadBandwidth!.Value.Value, tier.WriteBandwidth!.Value.Value), Is.EqualTo((7e9, 4e9)));
    }

    [Test]
    public void New_keys_raise_no_note()
    {
        Assert.That(Read(InlineGpuNew).InputNotes, Is.Empty);
    }

    [Test]
    public void The_old_spellings_mean_the_same_and_each_adds_one_note()
    {
        var old = Read(InlineGpuOld);
        Assert.That(old.Deployment.Cluster, Is.EqualTo(Read(InlineGpuNew).Deployment.Cluster));
        Assert.That(old.InputNotes, Is.EqualTo(new[]
        {
            "cluster.gpu.memory_bandwidth_tbps is deprecated: write memory_bandwidth_tbyte_s (the same value, in TB/s)",
            "cluster.gpu.fabric_bandwidth_gbps is deprecated: write fabric_bandwidth_gbyte_s (the same value, in GB/s)",
            "cluster.gpu.host_link_gbps is deprecated: write host_link_gbyte_s (the same value, in GB/s)",
            "cluster.inter_node.bandwidth_gbps is deprecated: write bandwidth_gbit_s (the same value, in Gb/s)",
        }));

        var tier = Read(Tiers + "kv_tiers: { disk: { capacity_gb: 100, read_gbps: 7, write_gbps: 4 } }");
        Assert.That((tier.KvTiers.Single().ReadBandwidth!.Value.Value, tier.KvTiers.Single().WriteBandwidth!.Value.Value), Is.EqualTo((7e9, 4e9)));
        Assert.That(tier.InputNotes, Is.EqualTo(new[]
        {
            "kv_tiers.disk.read_gbps is deprecated: write read_gbyte_s (the same value, in GB/s)",
            "kv_tiers.disk.write_gbps is deprecated: write write_gbyte_s (the same value, in GB/s)",
        }));
    }

    [Test]
    public void The_note_reaches_the_runs_notes_first()
    {
        var scenario = Read("cluster: { gpu: { name: g, bf16_tflops: 900, memory_gb: 80, memory_bandwidth_tbyte_s: 2, fabric: pcie, host_link_gbps: 25 }, gpus_per_node: 1 }\ncost_model: roofline");
        var run = ScenarioRunner.Run(scenario);
        Assert.That(run.Result.Notes[0], Is.EqualTo("cluster.gpu.host_link_gbps is deprecated: write host_link_gbyte_s (the same value, in GB/s)"));
        Assert.That(run.Result.Notes.Count(n => n.Contains("deprecated", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [TestCase("cluster: { gpu: h100-sxm, nodes: 2, gpus_per_node: 1, inter_node: { bandwidth_gbit_s: 400, bandwidth_gbps: 400 } }", "cluster.inter_node.bandwidth_gbit_s")]
    [TestCase("cluster: { gpu: { name: g, bf16_tflops: 900, memory_gb: 80, memory_bandwidth_tbyte_s: 2, memory_bandwidth_tbps: 2 } }", "cluster.gpu.memory_bandwidth_tbyte_s")]
    [TestCase("cluster: { gpu: { name: g, bf16_tflops: 900, memory_gb: 80, memory_bandwidth_tbyte_s: 2, fabric_bandwidth_gbyte_s: 450, fabric_bandwidth_gbps: 450 } }", "cluster.gpu.fabric_bandwidth_gbyte_s")]
    [TestCase("cluster: { gpu: { name: g, bf16_tflops: 900, memory_gb: 80, memory_bandwidth_tbyte_s: 2, host_link_gbyte_s: 50, host_link_gbps: 50 } }", "cluster.gpu.host_link_gbyte_s")]
    [TestCase(Tiers + "kv_tiers: { disk: { capacity_gb: 100, read_gbyte_s: 7, read_gbps: 7 } }", "kv_tiers.disk.read_gbyte_s")]
    [TestCase(Tiers + "kv_tiers: { disk: { capacity_gb: 100, write_gbyte_s: 4, write_gbps: 4 } }", "kv_tiers.disk.write_gbyte_s")]
    public void Both_spellings_at_once_is_one_line_naming_the_key(string yaml, string key)
    {
        var e = Assert.Throws<InputException>(() => Read(yaml))!;
        Assert.That(e.Location, Does.EndWith(key));
        Assert.That(e.Message, Does.Contain("is given twice, also as").And.Not.Contain("\n"));
    }

    [Test]
    public void A_calibration_file_takes_the_new_key_reads_the_old_with_a_note_and_refuses_both()
    {
        var path = Path.Combine(Path.GetTempPath(), $"calunits-{Guid.NewGuid():N}.yaml");
        try
        {
            const string head = "gpu: a100\ncollectives:\n  - { op: all_reduce, gpus: 8, alpha_us: 20, ";
            File.WriteAllText(path, head + "bandwidth_gbyte_s: 150 }\n");
            var notes = new InputNotes();
            Assert.That(CalibrationYaml.Load(path, notes).Collectives.Single().Bandwidth.Value, Is.EqualTo(150e9));
            Assert.That(notes.All, Is.Empty);

            File.WriteAllText(path, head + "bandwidth_gbps: 150 }\n  - { op: all_gather, gpus: 8, alpha_us: 20, bandwidth_gbps: 120 }\n");
            var old = CalibrationYaml.Load(path, notes);
            Assert.That(old.Collectives.Select(c => c.Bandwidth.Value), Is.EqualTo(new[] { 150e9, 120e9 }), "the old key was GB/s too");
            Assert.That(notes.All, Is.EqualTo(new[] { $"calibration {Path.GetFileName(path)}: collectives[0].bandwidth_gbps is deprecated: write bandwidth_gbyte_s (the same value, in GB/s)" }), "one note for the file, not one per entry");

            File.WriteAllText(path, head + "bandwidth_gbyte_s: 150, bandwidth_gbps: 150 }\n");
            var e = Assert.Throws<InputException>(() => CalibrationYaml.Load(path))!;
            Assert.That(e.Location, Does.EndWith("collectives[0].bandwidth_gbyte_s"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Calibrate_writes_the_new_key()
    {
        var p = new CalibrationProfile("A100-SXM4-80GB", [], [new AlphaBetaFit("all_reduce", 8, 2e-5, DesSim.Core.Units.BytesPerSecond.FromGigabytesPerSecond(150), new FitStats(3, 0.99, 0.01, 0.02))]);
        var text = CalibrationYaml.Write(p, []);
        Assert.That(text, Does.Contain("bandwidth_gbyte_s: 150,").And.Not.Contain("bandwidth_gbps"));
    }
}
