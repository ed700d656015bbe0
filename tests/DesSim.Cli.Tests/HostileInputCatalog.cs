namespace DesSim.Cli.Tests;

/// <summary>The second, adversarial bad-input catalogue (issue #22): per class of failure, cases over every command.
/// Same contract as <see cref="BadInputCatalog"/> (exit 2, one line naming the culprit, nothing written).</summary>
/// <remarks>Classes: empty output paths; an output that is, contains or sits inside an input; result names that are
/// not plain file names; inputs that are not regular files or are too large; numbers outside their documented range.</remarks>
public static class HostileInputCatalog
{
    private const string Runs = "model,gpu,tp,batch,input_tokens,output_tokens,ttft_ms,tpot_ms\nllama-3.1-8b,h100-sxm,1,1,512,64,30,8\n";
    private const string Grid = "axes:\n  workload.arrival.rate: [10, 20]\n";

    /// <summary>"Billion laughs": each level holds ten aliases of the one before; level f would be a million nodes.</summary>
    private const string Laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";

    public static IEnumerable<TestCaseData> All() => Cases().Select(c => new TestCaseData(c).SetName("Hostile_" + c.Name));

    private static Dictionary<string, string> Base(params (string Name, string Text)[] more)
    {
        var files = new Dictionary<string, string> { ["s.yaml"] = BadInputCatalog.Scenario, ["t.csv"] = BadInputCatalog.Trace, ["r.csv"] = Runs, ["grid.yaml"] = Grid };
        foreach (var (name, text) in more)
        {
            files[name] = text;
        }

        return files;
    }

    private static BadInputCatalog.Case C(string name, string[] args, params string[] expect) => new(name, Base(), args, expect);

    private static BadInputCatalog.Case Named(string name, string value, params string[] expect) =>
        new(name, Base(("s.yaml", BadInputCatalog.Scenario.Replace("name: tiny", "name: " + value, StringComparison.Ordinal))), ["run", "{d}/s.yaml"], ["s.yaml", "name", .. expect]);

    private static IEnumerable<BadInputCatalog.Case> Cases()
    {
        // Empty output paths, every writing command: named by flag, exit 2 before any work.
        yield return C("RunEmptyOut", ["run", "{d}/s.yaml", "--out", ""], "--out", "empty");
        yield return C("RunBlankOut", ["run", "{d}/s.yaml", "--out", "  "], "--out", "empty");
        yield return C("SweepEmptyOut", ["sweep", "{d}/s.yaml", "--grid", "{d}/grid.yaml", "--out", ""], "--out", "empty");
        yield return C("CapacityEmptyOut", ["capacity", "{d}/s.yaml", "--layouts", "scenario", "--out", ""], "--out", "empty");
        yield return C("PlanEmptyOut", ["plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpus", "2", "--slo", "chat", "--out", ""], "--out", "empty");
        yield return C("MergeEmptyOut", ["merge", "--out", "", "{d}/out"], "--out", "empty");
        yield return C("ReportEmptySvgDir", ["report", "{d}/out", "--svg-dir", ""], "--svg-dir", "empty");
        yield return C("TraceStatsEmptySvg", ["trace", "stats", "{d}/t.csv", "--svg", ""], "--svg", "empty");
        yield return C("CalibrateRunsEmptyOut", ["calibrate", "--runs", "{d}/r.csv", "--out", ""], "--out", "empty");
        yield return C("CalibrateFromEmptyPlot", ["calibrate", "--from", "{d}/t.csv", "--gpu", "h100-sxm", "--out", "{d}/c.yaml", "--plot", ""], "--plot", "empty");
        yield return C("ValidateEmptySvg", ["validate", "--svg", ""], "--svg", "empty");
        yield return C("ValidateEmptyWriteRuns", ["validate", "--svg", "{d}/v.svg", "--write-runs", ""], "--write-runs", "empty");

        // An output that is, contains or sits inside an input: the user's files are never replaced.
        yield return C("RunOutIsScenarioDirectory", ["run", "{d}/s.yaml", "--out", "{d}"], "--out", "contains the scenario");
        yield return C("RunOutIsScenarioFile", ["run", "{d}/s.yaml", "--out", "{d}/s.yaml"], "--out", "is the scenario");
        yield return C("RunOutIsParentOfScenario", ["run", "{d}/s.yaml", "--out", "{d}/.."], "--out", "contains the scenario");
        yield return new("RunOutContainsTrace", Base(("s.yaml", TraceScenario("tr/t.csv")), ("tr/t.csv", BadInputCatalog.Trace)), ["run", "{d}/s.yaml", "--out", "{d}/tr"], ["--out", "contains the scenario's trace"]);
        yield return new("RunOutIsTrace", Base(("s.yaml", TraceScenario("t.csv"))), ["run", "{d}/s.yaml", "--out", "{d}/t.csv"], ["--out", "is the scenario's trace"]);
        yield return new("RunOutHoldsForeignFiles", Base(("mine/notes.txt", "my notes")), ["run", "{d}/s.yaml", "--out", "{d}/mine"], ["mine", "notes.txt", "refusing"]);
        yield return C("SweepOutContainsScenario", ["sweep", "{d}/s.yaml", "--grid", "{d}/grid.yaml", "--out", "{d}"], "--out", "contains the scenario");
        yield return new("SweepOutContainsGrid", Base(("g/grid.yaml", Grid)), ["sweep", "{d}/s.yaml", "--grid", "{d}/g/grid.yaml", "--out", "{d}/g"], ["--out", "contains the grid"]);
        yield return C("SweepOutIsAFile", ["sweep", "{d}/s.yaml", "--grid", "{d}/grid.yaml", "--out", "{d}/r.csv"], "--out", "is a file");
        yield return C("CapacityOutContainsScenario", ["capacity", "{d}/s.yaml", "--layouts", "scenario", "--out", "{d}"], "--out", "contains the scenario");
        yield return C("MergeOutIsAShard", ["merge", "--out", "{d}/out", "{d}/out"], "--out", "is the shard directory");
        yield return C("MergeOutContainsAShard", ["merge", "--out", "{d}", "{d}/out"], "--out", "contains the shard directory");
        yield return C("MergeOutInsideAShard", ["merge", "--out", "{d}/out/merged", "{d}/out"], "--out", "inside the shard directory");
        yield return C("TraceStatsSvgIsTheTrace", ["trace", "stats", "{d}/t.csv", "--svg", "{d}/t.csv"], "--svg", "is the trace");
        yield return C("CalibrateOutIsTheRuns", ["calibrate", "--runs", "{d}/r.csv", "--out", "{d}/r.csv"], "--out", "is the --runs file");
        yield return C("CalibrateFromOutIsAnInput", ["calibrate", "--from", "{d}/t.csv", "--gpu", "h100-sxm", "--out", "{d}/t.csv"], "--out", "is a --from input");
        yield return C("CalibrateFromPlotIsAnInput", ["calibrate", "--from", "{d}/t.csv", "--gpu", "h100-sxm", "--out", "{d}/c.yaml", "--plot", "{d}/t.csv"], "--plot", "is a --from input");
        yield return C("CalibrateFromOutContainsInputs", ["calibrate", "--from", "{d}", "--gpu", "h100-sxm", "--out", "{d}"], "--out");
        yield return C("ValidateTwoOutputsOnePath", ["validate", "--svg", "{d}/v.out", "--write-runs", "{d}/v.out"], "--write-runs", "another output");
        yield return C("ReportSvgDirIsTheResult", ["report", "{d}/out", "--svg-dir", "{d}/out"], "--svg-dir", "the result directory");

        // name: is a plain file name, so results never land outside results/.
        yield return Named("NameDotDot", "\"..\"", "cannot be used");
        yield return Named("NameDot", "\".\"", "cannot be used");
        yield return Named("NameHidden", "\".hidden\"", "cannot be used");
        yield return Named("NameWithSlash", "\"a/b\"", "cannot be used");
        yield return Named("NameEscapes", "\"../../etc\"", "cannot be used");
        yield return Named("NameBackslash", "'a\\b'", "cannot be used");
        yield return Named("NameControlCharacter", "\"a\\tb\"", "cannot be used");
        yield return Named("NameTooLong", new string('x', 300), "cannot be used");
        yield return Named("NameBlank", "\"  \"", "cannot be used");

        // Hostile YAML: alias bombs, deep nesting, a second document, a dangling alias; in a scenario, a grid and --set.
        yield return new("YamlAliasBomb", Base(("s.yaml", BadInputCatalog.Scenario + Laughs)), ["run", "{d}/s.yaml", "--out", "{d}/o2"], ["s.yaml:", "alias *d", "expands to"]);
        yield return new("YamlAliasBombInGrid", Base(("g.yaml", Grid + Laughs)), ["sweep", "{d}/s.yaml", "--grid", "{d}/g.yaml", "--out", "{d}/o2"], ["g.yaml:", "expands to"]);
        yield return C("YamlAliasBombInSet", ["run", "{d}/s.yaml", "--out", "{d}/o2", "--set", "x=" + Laughs.Replace("\n", " ", StringComparison.Ordinal).Replace("a: &a", "{a: &a", StringComparison.Ordinal).Replace("] ", "], ", StringComparison.Ordinal).TrimEnd(' ', ',') + "}"], "--set");
        yield return new("YamlDeepNesting", Base(("s.yaml", BadInputCatalog.Scenario + "x: " + string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "1" + new string('}', 100_000) + "\n")), ["run", "{d}/s.yaml", "--out", "{d}/o2"], ["s.yaml:17:", "nesting deeper than 64"]);
        yield return new("YamlDeepBlockSequences", Base(("s.yaml", BadInputCatalog.Scenario + "x: " + new string('[', 5_000) + new string(']', 5_000) + "\n")), ["run", "{d}/s.yaml", "--out", "{d}/o2"], ["s.yaml:17:", "nesting"]);
        yield return new("YamlSecondDocument", Base(("s.yaml", BadInputCatalog.Scenario + "---\nname: other\n")), ["run", "{d}/s.yaml", "--out", "{d}/o2"], ["s.yaml:17:", "second YAML document"]);
        yield return new("YamlSecondDocumentInGrid", Base(("g.yaml", Grid + "---\naxes: {}\n")), ["sweep", "{d}/s.yaml", "--grid", "{d}/g.yaml", "--out", "{d}/o2"], ["g.yaml:3:", "second YAML document"]);
        yield return new("YamlUndefinedAlias", Base(("s.yaml", BadInputCatalog.Scenario + "x: *nope\n")), ["run", "{d}/s.yaml", "--out", "{d}/o2"], ["s.yaml:17:", "alias *nope"]);

        // Inputs that are not regular files (they would block or never end) or are hostile in size.
        yield return C("RunScenarioIsDevZero", ["run", "/dev/zero", "--out", "{d}/o2"], "/dev/zero", "character device");
        yield return C("TraceStatsDevZero", ["trace", "stats", "/dev/zero"], "/dev/zero", "character device");
        yield return new("RunTraceIsDevZero", Base(("s.yaml", TraceScenario("/dev/zero"))), ["run", "{d}/s.yaml", "--out", "{d}/o2"], ["/dev/zero", "character device"]);
        yield return C("SweepGridIsDevZero", ["sweep", "{d}/s.yaml", "--grid", "/dev/zero", "--out", "{d}/o2"], "/dev/zero", "character device");
        yield return C("CalibrateRunsIsDevZero", ["calibrate", "--runs", "/dev/zero", "--out", "{d}/c.yaml"], "/dev/zero", "character device");
        // Numbers outside their documented range (docs/scenarios.md, Valid ranges), caught at load, named by key path.
        yield return Mutated("RateTiny", "rate: 50", "rate: 1e-300", "workload.arrival.rate");
        yield return Mutated("RateHuge", "rate: 50", "rate: 1e300", "workload.arrival.rate");
        yield return Mutated("RateNaN", "rate: 50", "rate: .nan", "workload.arrival.rate");
        yield return Mutated("RateInfinity", "rate: 50", "rate: .inf", "workload.arrival.rate");
        yield return Mutated("DurationHuge", "requests: 20", "requests: 20\n  duration_s: 1e300", "workload.duration_s");
        yield return Mutated("SloHuge", "ttft_ms: 350", "ttft_ms: 1e300", "slo.ttft_ms");
        yield return Mutated("TimeSeriesStepTiny", "outputs: { chrome_trace: false }", "outputs: { chrome_trace: false, timeseries_step_s: 1e-9 }", "outputs.timeseries_step_s");
        yield return Mutated("TimelineStartHuge", "outputs: { chrome_trace: false }", "outputs: { chrome_trace: false, timeline: { start_s: 1e300 } }", "outputs.timeline.start_s");
        yield return Mutated("LinkFactorTiny", "outputs: { chrome_trace: false }", "outputs: { chrome_trace: false }\nfaults: { links: [{ kind: nvlink, factor: 1e-300 }] }", "faults.links[0].factor");
        yield return Mutated("StragglerStartHuge", "outputs: { chrome_trace: false }", "outputs: { chrome_trace: false }\nfaults: { stragglers: [{ gpu: 0, factor: 2, start_s: 1e300 }] }", "faults.stragglers[0].start_s");
        yield return new("TraceRateScaleTiny", Base(("s.yaml", TraceScenario("t.csv").Replace("trace: t.csv", "trace: t.csv, rate_scale: 1e-300", StringComparison.Ordinal))), ["run", "{d}/s.yaml", "--out", "{d}/o2"], ["s.yaml", "rate_scale"]);
        yield return new("TraceWindowHuge", Base(("s.yaml", TraceScenario("t.csv").Replace("trace: t.csv", "trace: t.csv, start_s: 1e300", StringComparison.Ordinal))), ["run", "{d}/s.yaml", "--out", "{d}/o2"], ["s.yaml", "start_s"]);
        yield return C("TimelineFlagHuge", ["run", "{d}/s.yaml", "--out", "{d}/o2", "--timeline", "1e300:1"], "timeline");
        yield return C("CapacityToleranceNaN", ["capacity", "{d}/s.yaml", "--layouts", "scenario", "--tolerance", "NaN"], "--tolerance");
        yield return C("CapacitySloNaN", ["capacity", "{d}/s.yaml", "--layouts", "scenario", "--slo", "ttft_ms=NaN"], "NaN");
        yield return C("CapacitySloInfinity", ["capacity", "{d}/s.yaml", "--layouts", "scenario", "--slo", "ttft_ms=Infinity"], "Infinity");

        // A run that simulates nothing, and output volume beyond the stated maximum, are errors, not results.
        yield return Mutated("NothingArrivesInTheHorizon", [("requests: 20", "duration_s: 1"), ("rate: 50", "rate: 0.000001")], "no request arrived");
        yield return Mutated("TimeSeriesRowsOverTheCap", [("rate: 50", "rate: 0.01"), ("outputs: { chrome_trace: false }", "outputs: { chrome_trace: false, timeseries_step_s: 0.001 }")], "outputs.timeseries_step_s", "rows");

        // YAML syntax errors carry the real line:col of the culprit (the base scenario has 16 lines).
        yield return Lines("YamlTabAtLine10", s => s.Replace("\nworkload:", "\n\tworkload:", StringComparison.Ordinal), "s.yaml:10:1:", "tab");
        yield return Lines("YamlTabIndentingANestedKeyLine11", s => s.Replace("  requests: 20", "\trequests: 20", StringComparison.Ordinal), "s.yaml:11:1:", "tab");
        yield return Lines("YamlUndefinedAliasAtLine14", s => s.Replace("output_tokens: 8", "output_tokens: *nope", StringComparison.Ordinal), "s.yaml:14:18:", "alias *nope");
        yield return Lines("YamlUndefinedAliasAtLine3", s => s.Replace("model: llama-3.1-8b", "model: *m", StringComparison.Ordinal), "s.yaml:3:8:", "alias *m");
        yield return Lines("YamlUnclosedFlowMappingLine5", s => s.Replace("ib-ndr }", "ib-ndr", StringComparison.Ordinal), "s.yaml:", "YAML syntax error");
        yield return Lines("YamlBadIndentLine15", s => s.Replace("slo: { ttft_ms: 350, tpot_ms: 25 }", "slo:\n  ttft_ms: 350\n   tpot_ms: 25", StringComparison.Ordinal), "s.yaml:17:", "YAML syntax error");
        yield return Lines("YamlDuplicateKeyLine8", s => s.Replace("router: round-robin", "router: round-robin\nrouter: least-outstanding", StringComparison.Ordinal), "s.yaml:9:", "Duplicate key router");
        yield return new("YamlTabInGridLine2", Base(("g.yaml", "axes:\n\tworkload.arrival.rate: [10, 20]\n")), ["sweep", "{d}/s.yaml", "--grid", "{d}/g.yaml", "--out", "{d}/o2"], ["g.yaml:2:1:", "tab"]);
        yield return new("YamlUndefinedAliasInGridLine2", Base(("g.yaml", "axes:\n  workload.arrival.rate: *rates\n")), ["sweep", "{d}/s.yaml", "--grid", "{d}/g.yaml", "--out", "{d}/o2"], ["g.yaml:2:", "alias *rates"]);
        yield return new("YamlTabInCalibrationLine3", Base(("s.yaml", BadInputCatalog.Scenario.Replace("cost_model: roofline", "cost_model: measured\ncalibration: c.yaml", StringComparison.Ordinal)), ("c.yaml", "gpu: H100-SXM5-80GB\nkernels: []\n\tcollectives: []\n")), ["run", "{d}/s.yaml", "--out", "{d}/o2"], ["c.yaml:3:1:", "tab"]);

        // --set errors name the flag and the key path (never line 1 of the file).
        yield return C("SetUnknownTopLevelPath", ["run", "{d}/s.yaml", "--out", "{d}/o2", "--set", "foo.bar=1"], "--set:foo", "unknown key");
        yield return C("SetUnknownDeepPath", ["run", "{d}/s.yaml", "--out", "{d}/o2", "--set", "a.b.c=1"], "--set:a", "unknown key");
        yield return C("SetUnknownTopLevelKey", ["run", "{d}/s.yaml", "--out", "{d}/o2", "--set", "typo=1"], "--set:typo", "unknown key");
        yield return C("SetUnknownNestedKey", ["run", "{d}/s.yaml", "--out", "{d}/o2", "--set", "workload.foo=1"], "--set:workload.foo", "unknown key");
        yield return C("SetNewKeyUnderAKnownSection", ["run", "{d}/s.yaml", "--out", "{d}/o2", "--set", "scheduler.nope.deeper=1"], "--set:scheduler.nope", "unknown key");
        yield return C("SetBadValue", ["run", "{d}/s.yaml", "--out", "{d}/o2", "--set", "scheduler.max_num_seqs=abc"], "--set:scheduler.max_num_seqs", "whole number");
        yield return C("SetOutOfRange", ["run", "{d}/s.yaml", "--out", "{d}/o2", "--set", "parallelism.tp=0"], "--set:parallelism.tp");
        yield return C("SetThroughAValue", ["run", "{d}/s.yaml", "--out", "{d}/o2", "--set", "router.x=1"], "--set", "'router' is a value");
        yield return C("SetUnknownPathInSweep", ["sweep", "{d}/s.yaml", "--grid", "{d}/grid.yaml", "--out", "{d}/o2", "--set", "foo.bar=1"], "--set:foo", "unknown key");
        yield return C("SetUnknownPathInCapacity", ["capacity", "{d}/s.yaml", "--layouts", "scenario", "--out", "{d}/o2", "--set", "foo.bar=1"], "--set:foo", "unknown key");
        yield return C("SetUnknownPathInPlan", ["plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpus", "2", "--out", "{d}/o2", "--set", "foo.bar=1"], "--set:foo", "unknown key");

        // calibrate --runs: an error about a row names the user's runs file, its line and column (not a generated scenario).
        yield return RunsRow("RunsTpNotDividingHeads", "llama-3.1-8b,h100-sxm,3,1,512,64,30,8", "column 'tp'", "tp=3");
        yield return RunsRow("RunsUnknownModel", "llama-9,h100-sxm,1,1,512,64,30,8", "column 'model'", "llama-9");
        yield return RunsRow("RunsUnknownGpu", "llama-3.1-8b,h900,1,1,512,64,30,8", "column 'gpu'", "h900");
        yield return RunsRow("RunsModelDoesNotFit", "llama-3.1-405b,h100-sxm,1,1,512,64,30,8", "column 'tp'", "weights need");
        yield return RunsRow("RunsPromptTooLong", "llama-3.1-8b,h100-sxm,1,1,999999999,64,30,8", "column 'input_tokens'", "too large");
        yield return RunsRow("RunsBatchTooLarge", "llama-3.1-8b,h100-sxm,1,99999999,512,64,30,8", "column", "too large");
        yield return RunsRow("RunsBadPrecision", "llama-3.1-8b,h100-sxm,1,1,512,64,30,8,fp4", "column 'precision'", "fp4");

        // Generated workloads that can never produce a request end with a named error, not an endless loop.
        yield return Mutated("DropEveryPromptSynthetic", "input_tokens: 64", "input_tokens: 64\n  max_model_len: 32\n  on_too_long: drop", "workload.max_model_len", "no request of this workload fits");
        yield return Mutated("DropEveryPromptLognormal", "input_tokens: 64", "input_tokens: { dist: lognormal, mean: 4000, sigma: 0.1, max: 8000 }\n  max_model_len: 100\n  on_too_long: drop", "workload.max_model_len");
        yield return Mutated("DropEveryPromptClosedLoop", "arrival: { process: poisson, rate: 50 }", "arrival: { process: closed-loop, concurrency: 4 }\n  max_model_len: 16\n  on_too_long: drop", "max_model_len");
        yield return new("DropEveryPromptInCapacity", Base(("s.yaml", BadInputCatalog.Scenario.Replace("input_tokens: 64", "input_tokens: 64\n  max_model_len: 32\n  on_too_long: drop", StringComparison.Ordinal))), ["capacity", "{d}/s.yaml", "--layouts", "scenario", "--out", "{d}/o2"], ["s.yaml", "workload.max_model_len"]);
        yield return new("DropEveryPromptInSweep", Base(("s.yaml", BadInputCatalog.Scenario.Replace("input_tokens: 64", "input_tokens: 64\n  max_model_len: 32\n  on_too_long: drop", StringComparison.Ordinal))), ["sweep", "{d}/s.yaml", "--grid", "{d}/grid.yaml", "--out", "{d}/o2", "--jobs", "1"], ["s.yaml", "workload.max_model_len"]);

        // dessim memory: parallel degrees outside their documented range are refused by flag.
        yield return C("MemoryCpHuge", ["memory", "--model", "llama-3.1-8b", "--gpu", "h100", "--cp", "1000000"], "--cp", "too large");
        yield return C("MemoryTpHuge", ["memory", "--model", "llama-3.1-8b", "--gpu", "h100", "--tp", "8192"], "--tp", "too large");
        yield return C("MemoryPpHuge", ["memory", "--model", "llama-3.1-8b", "--gpu", "h100", "--pp", "100000"], "--pp", "too large");
        yield return C("MemoryEpHuge", ["memory", "--model", "mixtral-8x7b", "--gpu", "h100", "--ep", "10000"], "--ep", "too large");
        yield return C("MemoryDpHuge", ["memory", "--model", "llama-3.1-8b", "--gpu", "h100", "--dp", "2000000"], "--dp", "too large");
        yield return C("MemoryGpuProductHuge", ["memory", "--model", "llama-3.1-8b", "--gpu", "h100", "--pp", "4096", "--cp", "4096", "--dp", "4096"], "GPUs is more than");

        // Calibration files: an unknown kernel op (or a collective that is no name) is refused, naming it and its key path.
        yield return Calibration("CalibrationUnknownKernelOp", "kernels:\n  - { op: gemmm, coefficients: [0], log10_ideal_s: [-6, -2] }\ncollectives: []\n", "kernels[0].op", "unknown kernel op 'gemmm'");
        yield return Calibration("CalibrationKernelOpCase", "kernels:\n  - { op: GEMM, coefficients: [0], log10_ideal_s: [-6, -2] }\ncollectives: []\n", "kernels[0].op", "'GEMM'");
        yield return Calibration("CalibrationSecondKernelOpUnknown", "kernels:\n  - { op: gemm, coefficients: [0], log10_ideal_s: [-6, -2] }\n  - { op: softmax, coefficients: [0], log10_ideal_s: [-6, -2] }\ncollectives: []\n", "kernels[1].op", "'softmax'");
        yield return Calibration("CalibrationCollectiveOpNotAName", "kernels: []\ncollectives:\n  - { op: \"all reduce!\", gpus: 2, alpha_us: 5, bandwidth_gbps: 100 }\n", "collectives[0].op", "not a collective name");

        // Inline GPU memory far outside its range: a clear message with the bound, not "-0.0 GB".
        yield return Mutated("InlineGpuMemoryHuge", "gpu: h100-sxm,", "gpu: { name: mine, memory_gb: 1e300, bf16_tflops: 900, hbm_tbps: 3 },", "cluster.gpu.memory_gb", "too large");
        yield return Mutated("InlineGpuMemoryTiny", "gpu: h100-sxm,", "gpu: { name: mine, memory_gb: 1e-300, bf16_tflops: 900, hbm_tbps: 3 },", "cluster.gpu.memory_gb");
        yield return Mutated("InlineGpuMemoryNaN", "gpu: h100-sxm,", "gpu: { name: mine, memory_gb: .nan, bf16_tflops: 900, hbm_tbps: 3 },", "cluster.gpu.memory_gb");
        yield return Mutated("InlineGpuMemoryNegative", "gpu: h100-sxm,", "gpu: { name: mine, memory_gb: -80, bf16_tflops: 900, hbm_tbps: 3 },", "cluster.gpu.memory_gb");

        // A trace whose every row is a failure (BurstGPT: 0 response tokens) names the file and says so.
        yield return new("BurstGptAllFailedTraceStats", Base(("b.csv", BurstAllFailed)), ["trace", "stats", "{d}/b.csv"], ["b.csv", "no requests", "failed requests skipped"]);
        yield return new("BurstGptAllFailedRun", Base(("s.yaml", TraceScenario("b.csv")), ("b.csv", BurstAllFailed)), ["run", "{d}/s.yaml", "--out", "{d}/o2"], ["b.csv", "no request of this trace", "failed requests skipped"]);
        yield return new("BurstGptAllFailedTraceStatsWithFormat", Base(("b.csv", BurstAllFailed)), ["trace", "stats", "{d}/b.csv", "--format", "burstgpt"], ["b.csv", "failed requests skipped"]);

        yield return new("RunScenarioTooLarge", Base(("big.yaml", BadInputCatalog.Scenario + "# " + new string('x', 17 << 20) + "\n")), ["run", "{d}/big.yaml", "--out", "{d}/o2"], ["big.yaml", "bytes"]);
    }

    /// <summary>Every row a failure: BurstGPT logs failed requests with 0 response tokens.</summary>
    private const string BurstAllFailed = "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n0,ChatGPT,100,0,100,Conversation log\n1,ChatGPT,200,0,200,Conversation log\n2,GPT-4,300,0,300,API log\n";

    private static BadInputCatalog.Case Lines(string name, Func<string, string> edit, params string[] expect)
    {
        var text = edit(BadInputCatalog.Scenario);
        if (text == BadInputCatalog.Scenario)
        {
            throw new ArgumentException($"case {name}: the edit changed nothing");
        }

        return new(name, Base(("s.yaml", text)), ["run", "{d}/s.yaml", "--out", "{d}/o2"], expect);
    }

    /// <summary><c>calibrate --runs</c> with a good first row and <paramref name="row"/> on line 3 (a 9th cell is the precision).</summary>
    private static BadInputCatalog.Case RunsRow(string name, string row, params string[] expect)
    {
        var header = row.Split(',').Length > 8 ? "model,gpu,tp,batch,input_tokens,output_tokens,ttft_ms,tpot_ms,precision\nllama-3.1-8b,h100-sxm,1,1,512,64,30,8,bf16\n" : "model,gpu,tp,batch,input_tokens,output_tokens,ttft_ms,tpot_ms\nllama-3.1-8b,h100-sxm,1,1,512,64,30,8\n";
        return new(name, Base(("runs.csv", header + row + "\n")), ["calibrate", "--runs", "{d}/runs.csv", "--out", "{d}/c.yaml"], ["runs.csv:3:", .. expect]);
    }

    private static BadInputCatalog.Case Calibration(string name, string body, params string[] expect) =>
        new(name, Base(("s.yaml", BadInputCatalog.Scenario.Replace("cost_model: roofline", "cost_model: measured\ncalibration: c.yaml", StringComparison.Ordinal)), ("c.yaml", "gpu: H100-SXM5-80GB\n" + body)), ["run", "{d}/s.yaml", "--out", "{d}/o2"], ["c.yaml", .. expect]);

    private static BadInputCatalog.Case Mutated(string name, (string From, string To)[] edits, params string[] expect)
    {
        var text = BadInputCatalog.Scenario;
        foreach (var (from, to) in edits)
        {
            if (!text.Contains(from, StringComparison.Ordinal))
            {
                throw new ArgumentException($"case {name}: '{from}' is not in the base scenario");
            }

            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        return new(name, Base(("s.yaml", text)), ["run", "{d}/s.yaml", "--out", "{d}/o2"], ["s.yaml", .. expect]);
    }

    private static BadInputCatalog.Case Mutated(string name, string from, string to, params string[] expect) => Mutated(name, [(from, to)], expect);

    private static string TraceScenario(string trace) => BadInputCatalog.Scenario.Replace(
        "workload:\n  requests: 20\n  arrival: { process: poisson, rate: 50 }\n  input_tokens: 64\n  output_tokens: 8\n",
        $"workload: {{ trace: {trace} }}\n",
        StringComparison.Ordinal);
}
