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
            Assert.That(r.FirstTokenNs, Is.EqualTo(k.ReadyNs), "the first token comes from the prefill side");
            Assert.That(r.CompletionNs, Is.GreaterThan(k.EndNs));
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
#pragma warning restore NUnit1027
}
