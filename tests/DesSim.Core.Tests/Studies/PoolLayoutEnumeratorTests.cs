using DesSim.Core.Configuration;
using DesSim.Core.Hardware;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;
using DesSim.Core.Studies;

namespace DesSim.Core.Tests.Studies;

public sealed class PoolLayoutEnumeratorTests
{
    private static Scenario Load(string cluster, string model = "llama-3.1-8b", string parallelism = "parallelism: { tp: 1, pp: 1, dp: 1 }") =>
        ScenarioLoader.Read(YamlDocumentLoader.Parse($$"""
            name: plan
            model: {{model}}
            cluster: {{cluster}}
            {{parallelism}}
            workload: { requests: 20, arrival: { process: poisson, rate: 2 }, input_tokens: 512, output_tokens: 32 }
            """, "plan.yaml"), "plan.yaml", ".");

    private static ClusterSpec Cluster(string yaml) => Load(yaml).Deployment.Cluster;

    [Test]
    public void One_group_of_four_gpus_has_eleven_splits_that_each_use_every_gpu()
    {
        // Sizes 1, 2, 4 (divisors of 4) with x·sp + y·sd = 4, x, y ≥ 1; shapes of 2 GPUs: TP2, TP1xPP2.
        //   sp = 2 (2 shapes), x = 1: sd = 2 (2 shapes, y = 1) or sd = 1 (y = 2)  -> 2 × 3 = 6
        //   sp = 1, x = 1: sd = 1, y = 3 -> 1;  x = 2: sd = 2 (2 shapes) or 1 (y = 2) -> 3;  x = 3: y = 1 -> 1  -> 5
        var (candidates, rejected) = PoolLayoutEnumerator.Candidates(Cluster("{ gpu: h100-sxm, nodes: 1, gpus_per_node: 4 }"), disaggregation: true);
        Assert.That(candidates, Has.Count.EqualTo(11));
        Assert.That(rejected, Is.Empty);
        Assert.That(candidates.Select(c => c.GpuCount), Is.All.EqualTo(4));
        Assert.That(candidates.All(c => c.Disaggregated && c.Prefill!.Role == PoolRole.Prefill && c.Decode!.Role == PoolRole.Decode), Is.True);
        Assert.That(candidates.Select(c => c.ToString()), Is.Unique);
        Assert.That(candidates.Select(c => c.ToString()).Take(4), Is.EqualTo(new[] { "PD 1P1D TP2/TP2", "PD 1P1D TP2/TP1xPP2", "PD 1P2D TP2/TP1", "PD 1P1D TP1xPP2/TP2" }));
        Assert.That(candidates[^1].ToString(), Is.EqualTo("PD 3P1D TP1/TP1"));
    }

    [Test]
    public void Without_disaggregation_a_single_group_has_no_pool_layouts()
    {
        var (candidates, rejected) = PoolLayoutEnumerator.Candidates(Cluster("{ gpu: h100-sxm, nodes: 1, gpus_per_node: 4 }"), disaggregation: false);
        Assert.That(candidates, Is.Empty);
        Assert.That(rejected, Is.Empty);
    }

    [Test]
    public void Two_gpu_types_put_each_phase_on_each_group_and_list_colocated_layouts_over_both()
    {
        var cluster = Cluster("{ node_groups: [{ gpu: h100-sxm, nodes: 1, gpus_per_node: 4 }, { gpu: h200-sxm, nodes: 1, gpus_per_node: 4 }] }");
        var (candidates, rejected) = PoolLayoutEnumerator.Candidates(cluster, disaggregation: true);
        var splits = candidates.Where(c => c.Disaggregated).ToArray();
        var colocated = candidates.Where(c => !c.Disaggregated).ToArray();

        // A group of 4 is filled by 6 instance shapes (4: TP4, TP2xPP2, TP1xPP4; 2: TP2, TP1xPP2; 1: TP1), per pool, both ways round.
        Assert.That(splits, Has.Length.EqualTo(2 * 6 * 6));
        Assert.That(splits.Count(s => s.Prefill!.Group == 0 && s.Decode!.Group == 1), Is.EqualTo(36));
        Assert.That(splits.Count(s => s.Prefill!.Group == 1 && s.Decode!.Group == 0), Is.EqualTo(36));
        Assert.That(splits[0].ToString(), Does.Match(@"^PD 1P1D TP4@H100\S*/TP4@H200\S*$"));

        // Colocated: the 10 TP × PP of 8 GPUs; the 4 of 8-GPU replicas cannot sit in a 4-GPU group, with the arithmetic.
        Assert.That(colocated.Select(c => c.Equivalent.ToString()), Is.EqualTo(new[] { "TP4xPP1xDP2", "TP2xPP2xDP2", "TP2xPP1xDP4", "TP1xPP4xDP2", "TP1xPP2xDP4", "TP1xPP1xDP8" }));
        Assert.That(colocated.All(c => c.Pools.Count == 2 && c.GpuCount == 8), Is.True);
        Assert.That(rejected, Has.Count.EqualTo(4));
        Assert.That(rejected[0], Is.EqualTo("TP8xPP1 over the node groups: replicas of 8 GPUs fill 0 + 0 = 0 of 8 GPUs (a replica stays inside one node group, and inside a node it fits in)"));
    }

    [Test]
    public void Clusters_no_split_can_cover_are_refused_with_the_arithmetic()
    {
        var one = Assert.Throws<InputException>(() => PoolLayoutEnumerator.Candidates(Cluster("{ gpu: h100-sxm, nodes: 1, gpus_per_node: 1 }"), true))!;
        Assert.That(one.Reason, Is.EqualTo("a prefill and a decode pool need at least 1 GPU each: the cluster has 1 GPU"));
        var three = Assert.Throws<InputException>(() => PoolLayoutEnumerator.Candidates(
            Cluster("{ node_groups: [{ gpu: h100-sxm, nodes: 1, gpus_per_node: 2 }, { gpu: h200-sxm, nodes: 1, gpus_per_node: 2 }, { gpu: a100-sxm, nodes: 1, gpus_per_node: 2 }] }"), true))!;
        Assert.That(three.Reason, Does.Contain("cover at most 2 node groups: the cluster has 3"));
    }

    [Test]
    public void Splits_that_do_not_fit_are_rejected_with_the_loaders_reason_and_the_rest_load_as_pools()
    {
        // Llama-3.1-70B (141 GB of bf16 weights) on 8×H100: a 1- or 2-GPU instance cannot hold it.
        var scenario = Load("{ gpu: h100-sxm, nodes: 1, gpus_per_node: 8 }", "llama-3.1-70b", "parallelism: { tp: 8, pp: 1, dp: 1 }");
        var (candidates, _) = PoolLayoutEnumerator.Candidates(scenario.Deployment.Cluster, true);
        var (feasible, rejected) = PoolLayoutEnumerator.Enumerate(scenario, ".", true);
        Assert.That(feasible.Count + rejected.Count, Is.EqualTo(candidates.Count));
        Assert.That(feasible, Is.Not.Empty);
        Assert.That(feasible.SelectMany(f => f.Layout.Pools).Select(p => p.GpusPerInstance), Is.All.GreaterThanOrEqualTo(4));
        Assert.That(rejected, Has.Some.StartWith("PD 7P1D TP1/TP1: ").And.Some.Contains("weights"));
        foreach (var f in feasible)
        {
            Assert.That(f.Scenario.Disaggregation, Is.Not.Null);
            Assert.That(f.Scenario.Pools!.Select(p => (p.Role, p.Instances, p.Tp, p.Pp)), Is.EqualTo(f.Layout.Pools.Select(p => (p.Role, p.Instances, p.Tp, p.Pp))));
        }
    }

    [Test]
    public void A_split_scenario_round_trips_through_its_yaml()
    {
        var scenario = Load("{ gpu: h100-sxm, nodes: 1, gpus_per_node: 4 }");
        var (feasible, _) = PoolLayoutEnumerator.Enumerate(scenario, ".", true);
        var pick = feasible.First(f => f.Layout.ToString() == "PD 1P2D TP2/TP1");
        var again = ScenarioLoader.Read(YamlDocumentLoader.Parse(pick.Scenario.YamlText, "again.yaml"), "again.yaml", ".");
        Assert.That(again.Pools, Is.EqualTo(pick.Scenario.Pools));
        Assert.That(pick.Scenario.YamlText, Does.Contain("disaggregation").And.Not.Contains("parallelism"));
    }
}
