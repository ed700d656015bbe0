namespace DesSim.Cli.Tests;

public sealed class CalibrationCommandsTests
{
    [Test]
    public void ValidateSplitwisePrintsHeldOutErrorsSeparatelyAndWritesTheScatter()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"validate-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var svg = Path.Combine(dir, "v.svg");
            var runs = Path.Combine(dir, "runs.csv");
            var (code, output, err) = CliTests.Run("validate", "splitwise", "--svg", svg, "--write-runs", runs);
            Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
            Assert.That(output, Does.Contain("TPOT       held-out").And.Contain("TTFT       fit").And.Contain("splitwise-a100-tp4-in512-b1-out128"));
            Assert.That(File.ReadAllText(svg), Does.Contain("<svg").And.Contain("y = x"));
            Assert.That(File.ReadAllLines(runs), Has.Length.EqualTo(58));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void ValidatePrintsTheClosedLoopDecompositionOnlyWhenTheSuiteHasSiliconRows()
    {
        static DesSim.Core.Fidelity.Validation.ClosedLoopDecomposition.Decomposed K(int isl, int c, double g) =>
            new("vllm 0.12.0", isl, 2, c, new(15.6, 56.1, 2.5), new(18.1, 48.1, g));
        using var w = new StringWriter();
        Commands.ValidateCommand.WriteDecomposition([K(1024, 8, 7.5), K(1024, 16, 10)], w);
        var lines = w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Contain("Where the closed-loop error comes from"));
        Assert.That(lines[^1], Does.Match(@"^vllm 0\.12\.0\s+1024\s+2\s+1\.16\s+0\.86\s+3\.50\s+2\.5\s+7\.5$"));

        using var empty = new StringWriter();
        Commands.ValidateCommand.WriteDecomposition([], empty);
        Assert.That(empty.ToString(), Is.Empty, "Splitwise or TensorRT-table suites have no closed loops to split");
    }

    [Test]
    public void CalibrateRunsFitsAndWritesAnEngineMapping()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"calruns-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var csv = Path.Combine(dir, "runs.csv");
            File.WriteAllText(csv, """
                model,gpu,tp,batch,input_tokens,output_tokens,ttft_ms,tpot_ms,split
                llama2-70b,a100,2,1,512,16,196.9,54.86,fit
                llama2-70b,a100,8,1,512,16,138.8,46.85,fit
                llama2-70b,a100,8,4,512,16,409.7,48.44,fit
                llama2-70b,a100,4,1,512,16,127.0,44.99,holdout
                """);
            var outPath = Path.Combine(dir, "engine.yaml");
            var (code, output, err) = CliTests.Run("calibrate", "--runs", csv, "--engine", "mine", "--out", outPath);
            Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
            Assert.That(output, Does.Contain("fitted 'mine' on 3 of 4 runs").And.Contain("hold-out  TPOT"));
            Assert.That(File.ReadAllText(outPath), Does.Contain("engine:").And.Contain("collective_step_overhead_us:"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void CalibrateRunsReadsVllmBenchJsonAndWritesOverridesAScenarioCanName()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"calbench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            // A vllm bench serve --save-result file (keys of vllm/benchmarks/serve.py, deployment in --metadata keys).
            var json = Path.Combine(dir, "run.json");
            File.WriteAllText(json, """
                { "backend": "openai-chat", "model_id": "Qwen/Qwen3-32B", "num_prompts": 6, "request_rate": "inf",
                  "max_concurrency": 3, "gpu": "h100", "tp": "2", "engine_version": "0.12.0", "completed": 6,
                  "input_lens": [256, 256, 256, 256, 256, 256], "output_lens": [6, 6, 6, 6, 6, 6],
                  "ttfts": [0.07, 0.07, 0.07, 0.05, 0.05, 0.05],
                  "itls": [[0.03, 0.03, 0.03, 0.03, 0.03], [0.03, 0.03, 0.03, 0.03, 0.03], [0.03, 0.03, 0.03, 0.03, 0.03],
                           [0.03, 0.03, 0.03, 0.03, 0.03], [0.03, 0.03, 0.03, 0.03, 0.03], [0.03, 0.03, 0.03, 0.03, 0.03]],
                  "mean_ttft_ms": 60.0, "mean_tpot_ms": 30.0 }
                """);
            var fitted = Path.Combine(dir, "fitted.yaml");
            var (code, output, err) = CliTests.Run("calibrate", "--runs", json, "--engine", "vllm-mine", "--out", fitted);
            Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
            Assert.That(output, Does.Contain("fitted 'vllm-mine' on 1 of 1 runs").And.Contain("fit       TPOT"));
            Assert.That(File.ReadAllText(fitted), Does.Contain("iteration_overhead_ms:").And.Contain("per_sequence_overhead_ms:"));

            var scenario = Path.Combine(dir, "s.yaml");
            File.WriteAllText(scenario, """
                name: fitted
                model: qwen3-32b
                cluster: { gpu: h100, nodes: 1, gpus_per_node: 2 }
                parallelism: { tp: 2 }
                engine: { name: vllm, version: "0.12.0", overrides: fitted.yaml }
                workload: { requests: 6, arrival: { process: closed-loop, concurrency: 3 }, input_tokens: 256, output_tokens: 6 }
                """);
            (code, _, err) = CliTests.Run("run", scenario, "--out", Path.Combine(dir, "out"), "--quiet");
            Assert.That(code, Is.EqualTo(ExitCodes.Success), err);

            (code, _, err) = CliTests.Run("calibrate", "--runs", Path.Combine(dir, "missing.json"), "--out", fitted);
            Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(err, Does.Contain("missing.json"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void CalibrateNeedsExactlyOneSourceAndAGpuForTables()
    {
        var (code, _, err) = CliTests.Run("calibrate", "--out", "x.yaml");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("exactly one of --from and --runs"));
        (code, _, err) = CliTests.Run("calibrate", "--from", ".", "--out", "x.yaml");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("--gpu"));
        Assert.That(File.Exists("x.yaml"), Is.False);
    }

    [Test]
    public void UnknownSuiteIsBadInput()
    {
        var (code, _, err) = CliTests.Run("validate", "nope");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("unknown suite 'nope'"));
    }
}
