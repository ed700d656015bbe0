using System.Globalization;
using DesSim.Core.Metrics;

namespace DesSim.Core.Tests.Disaggregation;

public sealed class PrefillPrefixRoutingTests
{
    // Two prefill instances (replicas 0 and 1) and one decode instance (2). Requests 0 (prefix X) and 1 (prefix A) arrive
    // together: 0 takes prefill 0 (tie, lowest index), 1 takes prefill 1 (prefill 0 holds request 0's tokens). Five seconds
    // later request 2 resends prefix A: only prefill 1 has it cached.
    private static readonly string Trace = string.Join('\n',
        """{"timestamp": 0, "input_length": 4096, "output_length": 4, "hash_ids": [1, 2, 3, 4, 5, 6, 7, 8]}""",
        """{"timestamp": 0, "input_length": 4096, "output_length": 4, "hash_ids": [101, 102, 103, 104, 105, 106, 107, 108]}""",
        """{"timestamp": 5000, "input_length": 4096, "output_length": 4, "hash_ids": [101, 102, 103, 104, 105, 106, 107, 108]}""") + "\n";

    private static RunResult Run(string router)
    {
        var dir = Directory.CreateTempSubdirectory("dessim-prefill-prefix-").FullName;
        var trace = Path.Combine(dir, "t.jsonl");
        File.WriteAllText(trace, Trace);
        var yaml = string.Create(CultureInfo.InvariantCulture, $$"""
            name: pd-prefix
            model: llama-3.1-8b
            engine: vllm
            scheduler: { enable_prefix_caching: true }
            cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 3 }
            disaggregation:
              prefill: { instances: 2, tp: 1 }
              decode: { instances: 1, tp: 1 }
              router: { prefill: {{router}} }
            workload: { trace: '{{trace}}' }
            """);
        return DisaggregatedRunTests.Run(yaml).Result;
    }

    private static (int Prefill, int Cached) Third(RunResult r) =>
        (r.KvTransfers.Single(k => k.Id == 2).PrefillReplica, r.Requests.Single(q => q.Id == 2).CachedTokens);

    [Test]
    public void A_prefix_aware_prefill_router_sends_a_request_to_the_prefill_instance_that_caches_its_prefix()
    {
        var aware = Run("prefix-aware");
        Assert.That(aware.KvTransfers.Select(k => (k.Id, k.PrefillReplica)).OrderBy(k => k.Id), Is.EqualTo(new[] { (0L, 0), (1L, 1), (2L, 1) }));
        var (prefill, cached) = Third(aware);
        Assert.That(prefill, Is.EqualTo(1));
        Assert.That(cached, Is.GreaterThanOrEqualTo(4096 - 512), "all but the last (partial) cached unit of the prompt is reused");
        Assert.That(aware.KvTransfers.Select(k => k.DecodeReplica), Is.All.EqualTo(2));

        // The load-only router sends it to the idle prefill instance 0 (a tie, lowest index), which has nothing cached.
        var load = Run("least-outstanding");
        Assert.That(Third(load), Is.EqualTo((0, 0)));
        Assert.That(load.Requests.Single(q => q.Id == 2).CachedTokens, Is.Zero);
    }
}
