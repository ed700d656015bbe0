namespace DesSim.Cli.Tests;

/// <summary>The bad-input catalogue of issue #10: one row per kind of bad input, for every command.</summary>
/// <remarks>Each row: the files to create in a scratch directory, the CLI arguments (<c>{d}</c> = that directory) and
/// the substrings the one-line error must contain (file name, key path or line, reason).</remarks>
public static class BadInputCatalog
{
    public const string Scenario = """
        name: tiny
        seed: 1
        model: llama-3.1-8b
        precision: bf16
        cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 2, intra_node: nvswitch, inter_node: ib-ndr }
        parallelism: { tp: 1, pp: 1, dp: 2 }
        scheduler: { policy: vllm, max_num_seqs: 64 }
        router: round-robin
        cost_model: roofline
        workload:
          requests: 20
          arrival: { process: poisson, rate: 50 }
          input_tokens: 64
          output_tokens: 8
        slo: { ttft_ms: 350, tpot_ms: 25 }
        outputs: { chrome_trace: false }

        """;

    public const string Trace = """
        arrival_s,input_tokens,output_tokens
        0.0,64,8
        0.1,32,4
        0.2,16,2

        """;

    public sealed record Case(string Name, IReadOnlyDictionary<string, string> Files, string[] Args, string[] Expect)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<TestCaseData> All() => Cases().Select(c => new TestCaseData(c).SetName("BadInput_" + c.Name));

    private static Case RunWith(string name, string scenario, string[] expect, params string[] extra) =>
        new(name, new Dictionary<string, string> { ["s.yaml"] = scenario, ["t.csv"] = Trace }, ["run", "{d}/s.yaml", "--out", "{d}/out", .. extra], expect);

    private static Case Mutated(string name, string from, string to, params string[] expect)
    {
        if (!Scenario.Contains(from, StringComparison.Ordinal))
        {
            throw new ArgumentException($"case {name}: '{from}' is not in the base scenario");
        }

        return RunWith(name, Scenario.Replace(from, to, StringComparison.Ordinal), ["s.yaml", .. expect]);
    }

    private static Case Appended(string name, string yaml, params string[] expect) => RunWith(name, Scenario + yaml, ["s.yaml", .. expect]);

    private static Case TraceCase(string name, string text, params string[] expect) =>
        new(name, new Dictionary<string, string> { ["t.csv"] = text }, ["trace", "stats", "{d}/t.csv"], ["t.csv", .. expect]);

    private static Case Cli(string name, string[] args, params string[] expect) => new(name, new Dictionary<string, string>(), args, expect);

    private static IEnumerable<Case> Cases()
    {
        // run: the scenario file itself
        yield return new("RunMissingFile", new Dictionary<string, string>(), ["run", "{d}/nope.yaml", "--out", "{d}/out"], ["nope.yaml", "not found"]);
        yield return new("RunScenarioIsADirectory", new Dictionary<string, string> { ["sub/x.txt"] = "x" }, ["run", "{d}/sub", "--out", "{d}/out"], ["sub"]);
        yield return RunWith("RunEmptyFile", "", ["s.yaml", "empty"]);
        yield return RunWith("RunYamlSyntaxError", "name: x\nmodel: [a, b\nseed: 1\n", ["s.yaml:", "syntax"]);
        yield return RunWith("RunNotAMapping", "- a\n- b\n", ["s.yaml"]);
        yield return Appended("RunDuplicateKey", "seed: 2\n", "s.yaml:17", "Duplicate key seed");
        yield return Mutated("RunWrongType", "seed: 1", "seed: abc", "seed", "abc");
        yield return Mutated("RunNegativeTp", "tp: 1, pp: 1", "tp: -1, pp: 1", "parallelism.tp");
        yield return Mutated("RunZeroRate", "rate: 50", "rate: 0", "rate");
        yield return Mutated("RunMissingRate", "{ process: poisson, rate: 50 }", "{ process: poisson }", "rate");
        yield return Mutated("RunAbsurdRequestCount", "requests: 20", "requests: 1e15", "workload.requests", "too large");
        yield return Mutated("RunAbsurdTokens", "input_tokens: 64", "input_tokens: 99999999999", "input_tokens");
        yield return Mutated("RunAbsurdCluster", "nodes: 1, gpus_per_node: 2", "nodes: 65536, gpus_per_node: 1024", "cluster.nodes", "too large");
        yield return Mutated("RunUnknownPolicy", "policy: vllm", "policy: fifo", "scheduler.policy", "fifo");
        yield return Mutated("RunUnknownKeySuggests", "seed: 1", "sede: 1", "sede", "seed");
        yield return Mutated("RunUnknownGpuListsCatalog", "gpu: h100-sxm", "gpu: h900", "h900", "H100");
        yield return Mutated("RunUnknownModelListsCatalog", "model: llama-3.1-8b", "model: llama-9", "llama-9", "Llama-3.1-8B");
        yield return Mutated("RunImpossibleLayout", "dp: 2", "dp: 4", "s.yaml");
        yield return Mutated("RunModelDoesNotFit", "model: llama-3.1-8b", "model: llama-3.1-405b", "s.yaml", "405");
        yield return Mutated("RunMissingWorkload", "workload:\n  requests: 20\n  arrival: { process: poisson, rate: 50 }\n  input_tokens: 64\n  output_tokens: 8\n", "", "workload");
        yield return Mutated("RunMissingTraceFile", "workload:\n  requests: 20\n  arrival: { process: poisson, rate: 50 }\n  input_tokens: 64\n  output_tokens: 8\n", "workload: { trace: missing.csv }\n", "missing.csv");
        yield return RunWith("RunTraceBadRow", Scenario.Replace("workload:\n  requests: 20\n  arrival: { process: poisson, rate: 50 }\n  input_tokens: 64\n  output_tokens: 8\n", "workload: { trace: bad.csv }\n", StringComparison.Ordinal), ["bad.csv:3", "input_tokens", "'x'"]);
        yield return Mutated("RunNegativeSlo", "ttft_ms: 350", "ttft_ms: -5", "slo.ttft_ms");
        yield return Mutated("RunUnknownRouter", "router: round-robin", "router: random", "router", "random");
        yield return Appended("RunFaultUnknownReplica", "faults: { replica_failures: [{ replica: 5, at_s: 1 }] }\n", "faults", "replica 5");
        yield return Appended("RunFaultEveryReplicaDown", "faults: { replica_failures: [{ replica: 0, at_s: 1 }, { replica: 1, at_s: 2 }] }\n", "faults", "every replica");
        yield return Appended("RunFaultRecoverBeforeFailure", "faults: { replica_failures: [{ replica: 0, at_s: 5, recover_s: 2 }] }\n", "faults.replica_failures[0].recover_s");
        yield return Appended("RunStragglerFactorBelowOne", "faults: { stragglers: [{ gpu: 0, factor: 0.5 }] }\n", "faults.stragglers[0].factor");
        yield return Appended("RunStragglerUnknownGpu", "faults: { stragglers: [{ gpu: 7, factor: 2 }] }\n", "faults", "GPU 7");
        yield return Appended("RunLinkFactorZero", "faults: { links: [{ kind: ib, factor: 0 }] }\n", "faults.links[0].factor");
        yield return Appended("RunLinkUnknownKind", "faults: { links: [{ kind: wifi, factor: 0.5 }] }\n", "faults.links[0].kind", "wifi");
        yield return Appended("RunFaultWindowBackwards", "faults: { stragglers: [{ gpu: 0, factor: 2, start_s: 5, end_s: 1 }] }\n", "faults.stragglers[0].end_s");
        yield return Appended("RunFaultItemNotAMapping", "faults: { stragglers: [3] }\n", "faults.stragglers[0]");
        yield return Appended("RunFaultUnknownKey", "faults: { stragglers: [{ gpu: 0, factor: 2, strat_s: 1 }] }\n", "faults.stragglers[0].strat_s", "start_s");
        yield return Appended("RunNegativeKernelCv", "variability: { kernel_cv: -0.1 }\n", "variability.kernel_cv");
        yield return RunWith("RunBadOverridePath", Scenario, ["parallelism.tq"], "--set", "parallelism.tq=2");
        yield return RunWith("RunBadOverrideValue", Scenario, ["parallelism.tp"], "--set", "parallelism.tp=zero");
        yield return new("RunUnwritableOut", new Dictionary<string, string> { ["s.yaml"] = Scenario, ["blocker"] = "a file" }, ["run", "{d}/s.yaml", "--out", "{d}/blocker/out"], ["blocker"]);

        // trace stats
        yield return new("TraceStatsMissingFile", new Dictionary<string, string>(), ["trace", "stats", "{d}/none.csv"], ["none.csv", "not found"]);
        yield return TraceCase("TraceStatsEmptyFile", "", "empty");
        yield return TraceCase("TraceStatsHeaderOnly", "arrival_s,input_tokens,output_tokens\n", "t.csv");
        yield return TraceCase("TraceStatsBadRow", "arrival_s,input_tokens,output_tokens\n0.0,64,8\n0.1,abc,4\n", "t.csv:3", "abc");
        yield return TraceCase("TraceStatsNegativeTokens", "arrival_s,input_tokens,output_tokens\n0.0,64,8\n0.1,-3,4\n", "t.csv:3");
        yield return TraceCase("TraceStatsAbsurdTokens", "arrival_s,input_tokens,output_tokens\n0.0,64,8\n0.1,999999999,4\n", "t.csv:3");
        // Azure rows: the first takes the timestamp fast path, the bad one falls back to the general parser and its message.
        yield return TraceCase("TraceStatsAzureHour24", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n2023-11-16 24:15:46.6805900,374,44\n", "t.csv:3", "TIMESTAMP", "is not a timestamp");
        yield return TraceCase("TraceStatsAzureFebruary30", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n2023-02-30 18:15:46.6805900,374,44\n", "t.csv:3", "2023-02-30", "is not a timestamp");
        yield return TraceCase("TraceStatsAzureBadTokens", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:47.6805900,37x4,44\n", "t.csv:3", "ContextTokens", "37x4");
        yield return TraceCase("TraceStatsAzureAbsurdTokens", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:47.6805900,374,44000000\n", "t.csv:3", "GeneratedTokens", "10,000,000");
        yield return TraceCase("TraceStatsMissingColumn", "arrival_s,input_tokens\n0.0,64\n", "missing");
        yield return new("TraceStatsUnknownFormat", new Dictionary<string, string> { ["t.csv"] = Trace }, ["trace", "stats", "{d}/t.csv", "--format", "parquet"], ["parquet"]);

        // memory, gpus, models, bench, unknown commands and flags
        yield return Cli("MemoryUnknownModel", ["memory", "--model", "llama-9", "--gpu", "h100-sxm"], "llama-9", "Llama-3.1-8B");
        yield return Cli("MemoryUnknownGpu", ["memory", "--model", "llama-3.1-8b", "--gpu", "h900"], "h900", "H100");
        yield return Cli("MemoryZeroTp", ["memory", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--tp", "0"], "tp");
        yield return Cli("MemoryUtilizationAboveOne", ["memory", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpu-memory-utilization", "2"], "gpu-memory-utilization");
        yield return Cli("MemoryTpNotANumber", ["memory", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--tp", "two"], "two");
        yield return Cli("MemoryMissingRequiredOption", ["memory", "--gpu", "h100-sxm"], "--model");
        yield return Cli("MemoryModelDoesNotFit", ["memory", "--model", "llama-3.1-405b", "--gpu", "h100-sxm"], "405");
        yield return Cli("GpusExtraArgument", ["gpus", "extra"], "extra");
        yield return Cli("ModelsUnknownOption", ["models", "--frob"], "--frob");
        yield return Cli("BenchIsNotACliCommand", ["bench", "nope"], "bench");
        yield return Cli("UnknownCommand", ["frobnicate"], "frobnicate");
    }
}
