using System.Globalization;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Disaggregation;

/// <summary>Invariants over random disaggregated layouts: every request prefilled once and decoded once, KV freed on both
/// sides (checked by the executor at the end of every run), no stage runs two batches at once, no GPU in two pools.</summary>
public sealed class DisaggregationPropertyTests
{
#pragma warning disable NUnit1027 // Why: FsCheck supplies the arguments, not NUnit attributes.
    [FsCheck.NUnit.Property(MaxTest = 12)]
    public void RandomDisaggregatedLayoutsKeepTheInvariants(int seed)
    {
        var rng = new Random(seed);
        int[] tps = [1, 2, 4];
        int ptp = tps[rng.Next(3)], dtp = tps[rng.Next(3)], ppp = 1 + rng.Next(2), dpp = 1 + rng.Next(2);
        int pin = 1 + rng.Next(8 / (ptp * ppp)), din = 1 + rng.Next(8 / (dtp * dpp));
        int requests = 10 + rng.Next(30);
        string mode = rng.Next(2) == 0 ? "layerwise" : "after_prefill";
        string links = rng.Next(2) == 0 ? "link-level" : "closed-form";
        double memory = 0.3 + (rng.NextDouble() * 0.6);
        string yaml = string.Create(CultureInfo.InvariantCulture, $$"""
            name: prop
            seed: {{rng.Next(1000)}}
            model: llama-3.1-8b
            engine: ideal
            cluster: { gpu: h100-sxm, nodes: 2, gpus_per_node: 8 }
            link_model: {{links}}
            scheduler: { gpu_memory_utilization: {{memory:0.00}}, max_num_batched_tokens: {{1024 + rng.Next(8192)}} }
            disaggregation:
              prefill: { instances: {{pin}}, tp: {{ptp}}, pp: {{ppp}} }
              decode: { instances: {{din}}, tp: {{dtp}}, pp: {{dpp}} }
              kv_transfer: { mode: {{mode}} }
              router: { prefill: {{(rng.Next(2) == 0 ? "round-robin" : "least-outstanding")}}, decode: {{(rng.Next(2) == 0 ? "least-kv" : "round-robin")}} }
            workload:
              requests: {{requests}}
              arrival: { process: poisson, rate: {{5 + rng.Next(40)}} }
              input_tokens: { dist: uniform, min: 16, max: 4000 }
              output_tokens: { dist: uniform, min: 1, max: 300 }
            outputs: { timeline: { start_s: 0, duration_s: 100000, max_spans: 10000000 } }
            """);
        var run = DisaggregatedRunTests.Run(yaml);
        var result = run.Result;
        Assert.That(result.Summary.RequestsCompleted + result.Summary.RequestsRejected, Is.EqualTo(requests), yaml);
        var done = result.Requests.Where(r => !r.Rejected).ToArray();
        var kv = result.KvTransfers;
        Assert.That(kv.Select(k => k.Id).Distinct().Count(), Is.EqualTo(kv.Count), "a request is handed off at most once");
        Assert.That(kv.Select(k => k.Id), Is.EquivalentTo(done.Where(r => r.OutputTokens > 1).Select(r => r.Id)), "every multi-token request decodes once on the decode pool");
        int prefillReplicas = pin;
        foreach (var k in kv)
        {
            Assert.That(k.PrefillReplica, Is.LessThan(prefillReplicas));
            Assert.That(k.DecodeReplica, Is.GreaterThanOrEqualTo(prefillReplicas));
            Assert.That(k.FinalPassNs, Is.LessThanOrEqualTo(k.ReadyNs));
            Assert.That(k.ReadyNs, Is.LessThanOrEqualTo(k.StartNs));
            Assert.That(k.StartNs, Is.LessThan(k.EndNs));
            var r = done.Single(x => x.Id == k.Id);
            Assert.That(r.FirstToken.Nanoseconds, Is.EqualTo(k.ReadyNs), "the first token comes from the prefill side");
            Assert.That(r.Completion.Nanoseconds, Is.GreaterThan(k.EndNs));
        }

        Assert.That(result.TimelineTruncated, Is.False);
        foreach (var g in result.Timeline.Where(s => !s.IsTransfer).GroupBy(s => (s.Replica, s.Stage)))
        {
            long free = long.MinValue;
            foreach (var span in g.OrderBy(s => s.StartNs))
            {
                Assert.That(span.StartNs, Is.GreaterThanOrEqualTo(free), $"replica {g.Key.Replica} stage {g.Key.Stage} ran two batches at once");
                free = span.EndNs;
            }
        }

        var pools = run.Pools!;
        Assert.That(pools.SelectMany(p => p.AllGpus).Distinct().Count(), Is.EqualTo(pools.Sum(p => p.AllGpus.Count())), "no GPU in two pools");
        Assert.That(result.Summary.Pools!.Sum(p => p.Gpus), Is.EqualTo(pools.Sum(p => p.AllGpus.Count())));
    }

    /// <summary>Random splits over two GPU types, with prefix caching on a multi-turn workload that shares prefixes and a
    /// random prefill router (prefix-aware included): the run completes, every prefilled request decodes once, the caches
    /// balance (the executor checks every KV block and cached unit is released at the end), and, with one prefill instance, shared
    /// system prompts are reused.</summary>
    [FsCheck.NUnit.Property(MaxTest = 8)]
    public void RandomSplitsOverTwoGpuTypesWithPrefixCachingKeepTheInvariants(int seed)
    {
        var rng = new Random(seed);
        int[] tps = [1, 2, 4];
        string[] gpus = ["h100-sxm", "h200-sxm"];
        int pg = rng.Next(2), dg = rng.Next(2);
        int ptp = tps[rng.Next(3)], dtp = tps[rng.Next(3)];
        int pin = 1 + rng.Next(4 / ptp);
        int room = pg == dg ? 8 - (pin * ptp) : 8;
        int din = 1 + rng.Next(Math.Max(1, room / dtp));
        if (din * dtp > room)
        {
            dtp = 1;
            din = 1;
        }

        string router = new[] { "prefix-aware", "least-outstanding", "round-robin" }[rng.Next(3)];
        int sessions = 5 + rng.Next(15);
        string yaml = string.Create(CultureInfo.InvariantCulture, $$"""
            name: prop-prefix
            seed: {{rng.Next(1000)}}
            model: llama-3.1-8b
            engine: vllm
            scheduler: { enable_prefix_caching: true, gpu_memory_utilization: {{0.3 + (rng.NextDouble() * 0.6):0.00}} }
            cluster:
              node_groups:
                - { gpu: h100-sxm, nodes: 1, gpus_per_node: 8 }
                - { gpu: h200-sxm, nodes: 1, gpus_per_node: 8 }
            link_model: {{(rng.Next(2) == 0 ? "link-level" : "closed-form")}}
            router: { name: prefix-aware, session_affinity: {{(rng.Next(2) == 0 ? "true" : "false")}} }
            disaggregation:
              prefill: { instances: {{pin}}, tp: {{ptp}}, gpu: {{gpus[pg]}} }
              decode: { instances: {{din}}, tp: {{dtp}}, gpu: {{gpus[dg]}} }
              kv_transfer: { mode: {{(rng.Next(2) == 0 ? "layerwise" : "after_prefill")}} }
              router: { prefill: {{router}} }
            workload:
              arrival: { process: poisson, rate: {{1 + rng.Next(10)}} }
              sessions:
                count: {{sessions}}
                turns: { dist: uniform, min: 1, max: 4 }
                think_time_s: { dist: exponential, mean: 2 }
                system_prompts: { count: {{1 + rng.Next(3)}}, tokens: 1024, popularity: zipf }
              input_tokens: { dist: uniform, min: 16, max: 400 }
              output_tokens: { dist: uniform, min: 1, max: 64 }
            """);
        var result = DisaggregatedRunTests.Run(yaml).Result;
        var done = result.Requests.Where(r => !r.Rejected).ToArray();
        Assert.That(done, Is.Not.Empty, yaml);
        Assert.That(result.KvTransfers.Select(k => k.Id), Is.EquivalentTo(done.Where(r => r.OutputTokens > 1).Select(r => r.Id)), yaml);
        Assert.That(result.Summary.PrefixCache, Is.Not.Null, yaml);
        if (pin == 1)
        {
            // Why only then: with one prefill instance every later user of a system prompt finds it (≥ 5 sessions share ≤ 3
            // prompts); over several instances a load-balancing router may spread them so that none is reused.
            Assert.That(result.Summary.PrefixCache!.HitTokens, Is.GreaterThan(0), "shared system prompts are reused on the prefill pool\n" + yaml);
        }

        Assert.That(done.Sum(r => (long)r.CachedTokens), Is.EqualTo(result.Summary.PrefixCache!.HitTokens), yaml);
    }
#pragma warning restore NUnit1027
}
