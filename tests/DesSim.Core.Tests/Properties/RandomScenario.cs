using System.Globalization;
using System.Text;
using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;
using DesSim.Engine;

namespace DesSim.Core.Tests.Properties;

/// <summary>Small random scenarios (model, layout, scheduler, router, arrivals, optionally faults) from one seed.</summary>
internal static class RandomScenario
{
    private static readonly string[] Models = ["llama-3.1-8b", "mistral-7b", "llama-2-7b"];
    private static readonly string[] Policies = ["vllm", "sarathi", "static"];
    private static readonly string[] Routers = ["round-robin", "least-outstanding", "power-of-two"];
    private static readonly string[] Arrivals =
    [
        "{ process: poisson, rate: RATE }", "{ process: gamma, rate: RATE, cv: 3 }", "{ process: constant, rate: RATE }",
        "{ process: burst }", "{ process: closed-loop, concurrency: 3 }",
    ];

    public static Scenario Create(ulong seed, bool faults)
    {
        var rng = new RandomStream(seed);
        T Pick<T>(IReadOnlyList<T> xs) => xs[rng.Next(xs.Count)];
        int tp = 1 << rng.Next(2), pp = 1 << rng.Next(2), dp = faults ? 2 + rng.Next(2) : 1 + rng.Next(2);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""
            name: prop
            seed: {rng.Next(1000)}
            model: {Pick(Models)}
            cluster: {"{"} gpu: h100-sxm, nodes: 2, gpus_per_node: 8 {"}"}
            parallelism: {"{"} tp: {tp}, pp: {pp}, dp: {dp} {"}"}
            scheduler: {"{"} policy: {Pick(Policies)}, max_num_seqs: {1 + rng.Next(32)}, max_num_batched_tokens: {512 + rng.Next(4096)} {"}"}
            router: {Pick(Routers)}
            cost_model: roofline
            workload:
              requests: {1 + rng.Next(24)}
              arrival: {Pick(Arrivals).Replace("RATE", (1 + rng.Next(200)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)}
              input_tokens: {"{"} dist: uniform, min: 1, max: {1 + rng.Next(1500)} {"}"}
              output_tokens: {"{"} dist: uniform, min: 1, max: {1 + rng.Next(64)} {"}"}
            outputs: {"{"} timeseries_step_s: 0.005, chrome_trace: false {"}"}

            """);
        if (faults)
        {
            double at = rng.NextDouble() * 0.3;
            string recover = rng.Next(2) == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", recover_s: {at + (rng.NextDouble() * 0.5) + 0.001:F4}");
            sb.Append(CultureInfo.InvariantCulture, $"""
                variability: {"{"} kernel_cv: {rng.NextDouble() * 0.5:F3} {"}"}
                faults:
                  replica_failures: [{"{"} replica: {rng.Next(dp)}, at_s: {at:F4}{recover} {"}"}]
                  stragglers: [{"{"} gpu: {rng.Next(tp * pp * dp)}, factor: {1 + (rng.NextDouble() * 4):F2}, start_s: {rng.NextDouble() * 0.2:F4}, end_s: 10 {"}"}]

                """);
        }

        var root = YamlDocumentLoader.Parse(sb.ToString(), "prop.yaml");
        return ScenarioLoader.Read(root, "prop.yaml", Directory.GetCurrentDirectory());
    }
}
