using DesSim.Core.Configuration;
using DesSim.Core.Hardware;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Disaggregation;

public sealed class HeterogeneousClusterTests
{
    private const string Workload = """
        workload:
          requests: REQUESTS
          arrival: { process: burst }
          input_tokens: 1000
          output_tokens: 50
        """;

    private static string Hetero(int dp) => $$"""
        name: hetero
        model: llama-3.1-8b
        cluster:
          node_groups:
            - { gpu: h100-sxm, nodes: 1, gpus_per_node: 1 }
            - { gpu: h200-sxm, nodes: 1, gpus_per_node: 1 }
        parallelism: { tp: 1, dp: {{dp}} }
        router: round-robin
        """ + "\n" + Workload.Replace("REQUESTS", "2", StringComparison.Ordinal);

    private static string Single(string gpu) => $$"""
        name: single
        model: llama-3.1-8b
        cluster: { gpu: {{gpu}}, nodes: 1, gpus_per_node: 1 }
        """ + "\n" + Workload.Replace("REQUESTS", "1", StringComparison.Ordinal);

    private static ScenarioRun Run(string yaml) =>
        ScenarioRunner.Run(ScenarioLoader.Read(YamlDocumentLoader.Parse(yaml, "s.yaml"), "s.yaml", "."));

    [Test]
    public void EachDataParallelReplicaUsesItsOwnGroupsTablesAndMemory()
    {
        // Round robin sends request 0 to the H100 replica and request 1 to the H200 one; both arrive at t = 0 and are
        // identical, so each replica must time exactly as a one-GPU run of its own GPU does.
        var hetero = Run(Hetero(2));
        var h100 = Run(Single("h100-sxm"));
        var h200 = Run(Single("h200-sxm"));
        Assert.That(hetero.Pools, Has.Count.EqualTo(2));
        Assert.That(hetero.Pools![0].Deployment.Gpu.Name, Is.EqualTo(h100.Deployment.Gpu.Name));
        Assert.That(hetero.Pools[1].Deployment.Gpu.Name, Is.EqualTo(h200.Deployment.Gpu.Name));
        Assert.That(hetero.Pools[1].Deployment.Memory.KvBlocksPerReplica, Is.EqualTo(h200.Deployment.Memory.KvBlocksPerReplica));
        Assert.That(hetero.Pools[1].Deployment.Memory.KvBlocksPerReplica, Is.GreaterThan(hetero.Pools[0].Deployment.Memory.KvBlocksPerReplica));

        var gpus = hetero.Result.Gpus;
        Assert.That(gpus[0].ComputeSeconds, Is.EqualTo(h100.Result.Gpus[0].ComputeSeconds));
        Assert.That(gpus[1].ComputeSeconds, Is.EqualTo(h200.Result.Gpus[0].ComputeSeconds));
        Assert.That(gpus[1].ComputeSeconds, Is.LessThan(gpus[0].ComputeSeconds), "the H200's memory bandwidth makes decode faster");
        var records = hetero.Result.Requests.OrderBy(r => r.Id).ToArray();
        Assert.That(records[0].Completion.Nanoseconds, Is.EqualTo(h100.Result.Requests[0].Completion.Nanoseconds));
        Assert.That(records[1].Completion.Nanoseconds, Is.EqualTo(h200.Result.Requests[0].Completion.Nanoseconds));
    }

    [Test]
    public void TooManyReplicasForTheGroupsIsAnInputErrorWithTheArithmetic()
    {
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Read(YamlDocumentLoader.Parse(Hetero(3), "s.yaml"), "s.yaml", "."));
        Assert.That(e!.Message, Does.Contain("parallelism.dp").And.Contain("1 + 1 = 2"));
    }

    [Test]
    public void SingleGroupKeysNextToNodeGroupsAreRejected()
    {
        var yaml = Hetero(2).Replace("  node_groups:", "  gpu: h100-sxm\n  node_groups:", StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Read(YamlDocumentLoader.Parse(yaml, "s.yaml"), "s.yaml", "."));
        Assert.That(e!.Message, Does.Contain("conflicts with node_groups"));
    }

    [Test]
    public void TheTopologyWiresEachGroupWithItsOwnFabricAndCrossesGroupsOverTheNics()
    {
        var h100 = GpuCatalog.TryGet("h100-sxm")!;
        var l40 = GpuCatalog.TryGet("l40s")!;
        var cluster = new ClusterSpec(h100, 1, 4, IntraNodeFabric.NvSwitch, InterNodeLinkSpec.IbNdr)
        {
            Groups = [new NodeGroupSpec(h100, 1, 4, IntraNodeFabric.NvSwitch), new NodeGroupSpec(l40, 2, 2, IntraNodeFabric.Pcie)],
        };
        var t = new Topology(cluster);
        Assert.That(cluster.TotalGpus, Is.EqualTo(8));
        Span<int> route = stackalloc int[Topology.MaxHops];
        Assert.That(t.Route(0, 3, route), Is.EqualTo(2));
        Assert.That(t.Links[route[0]].Kind, Is.EqualTo("nvlink"));
        Assert.That(t.Route(4, 5, route), Is.EqualTo(2));
        Assert.That(t.Links[route[0]].Kind, Is.EqualTo("pcie"));
        Assert.That(t.Links[route[0]].Name, Is.EqualTo("node1/gpu0->pcie-switch0"));
        Assert.That(t.Route(3, 6, route), Is.EqualTo(2));
        Assert.That(t.Links[route[0]].Kind, Is.EqualTo("ib"));
        Assert.That(t.Links[route[1]].Name, Does.Contain("node2/gpu0"));
        Assert.That(t.NodeOf(7), Is.EqualTo(2));
    }
}
