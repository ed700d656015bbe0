using DesSim.Core.Fidelity.Calibration;

namespace DesSim.Core.Tests.Calibration;

public sealed class VllmBenchJsonTests
{
    private static string Fixture => Path.Combine(TestContext.CurrentContext.TestDirectory, "Calibration", "Data", "vllm_bench_qwen3_32b_h100_tp2_c4.json");

    [Test]
    public void ReadsTheDeploymentFromMetadataAndTheMeansFromThePerRequestLists()
    {
        var run = VllmBenchJsonReader.Read(Fixture);
        var m = run.Measured;
        Assert.Multiple(() =>
        {
            Assert.That((m.Model, m.Gpu, m.Precision, m.Tp, m.Pp), Is.EqualTo(("Qwen/Qwen3-32B", "h100", "bf16", 2, 1)));
            Assert.That((m.InputTokens, m.OutputTokens, run.Requests, run.MaxConcurrency, run.RequestRate), Is.EqualTo((256, 8, 8, (int?)4, (double?)null)));
            Assert.That((run.Engine, run.EngineVersion, m.HoldOut), Is.EqualTo(("vllm", "0.12.0", false)));

            // Means of the lists (0.061 … 0.053 s → 57 ms; 7 gaps of 21 ms / 7), not the aggregate keys (55 / 20 ms).
            Assert.That(m.TtftMs, Is.EqualTo(57.0).Within(1e-9));
            Assert.That(m.TpotMs, Is.EqualTo(21.0).Within(1e-9));
        });
    }

    [Test]
    public void WithoutPerRequestLatenciesTheAggregateKeysAreUsed()
    {
        var path = Rewrite(j => j.Replace("\"ttfts\"", "\"ttfts_unused\"").Replace("\"itls\"", "\"itls_unused\""));
        try
        {
            var m = VllmBenchJsonReader.Read(path).Measured;
            Assert.That((m.TtftMs, m.TpotMs), Is.EqualTo(((double?)55.0, (double?)20.0)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("\"tp\": \"2\"", "\"tpx\": \"2\"", "tp: is missing")]
    [TestCase("\"gpu\": \"h100\"", "\"gpu\": \"\"", "gpu: is missing")]
    [TestCase("\"split\": \"fit\"", "\"split\": \"later\"", "split: 'later' is not fit or holdout")]
    [TestCase("\"model_id\": \"Qwen/Qwen3-32B\"", "\"model_id\": \"nobody/none\"", "model_id: 'nobody/none' is not a catalog model")]
    [TestCase("\"request_rate\": \"inf\"", "\"request_rate\": \"fast\"", "request_rate: 'fast' is not a rate or inf")]
    [TestCase("\"max_concurrency\": 4", "\"max_concurrency\": -4", "max_concurrency: '-4' is not a positive integer")]
    public void AMissingOrMalformedKeyIsAnInputErrorNamingIt(string from, string to, string message)
    {
        var path = Rewrite(j => j.Replace(from, to));
        try
        {
            var e = Assert.Throws<InputException>(() => VllmBenchJsonReader.Read(path));
            Assert.That(e!.Message, Does.Contain(message).And.Contain(Path.GetFileName(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void NotJsonIsAnInputError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dessim-bench-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ not json");
        try
        {
            Assert.That(() => VllmBenchJsonReader.Read(path), Throws.TypeOf<InputException>().With.Message.Contains("is not JSON"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void TheFitterRecoversAStepOverheadFromRunsSimulatedWithIt()
    {
        // Runs "measured" by DesSim itself with a known per-step overhead: the fit must find it again.
        var run = VllmBenchJsonReader.Read(Fixture);
        var truth = ServingRunFitter.Predict(run, (4.0, 0.0));
        var measured = run with { Measured = run.Measured with { TtftMs = truth.TtftMs, TpotMs = truth.TpotMs } };
        var fit = ServingRunFitter.Fit([measured], "vllm-h100");
        Assert.Multiple(() =>
        {
            Assert.That(fit.Engine.Name, Is.EqualTo("vllm-h100"));
            Assert.That(fit.Engine.IterationOverheadSeconds * 1e3, Is.EqualTo(4.0).Within(0.1));
            Assert.That(fit.Fitted[0].Predicted.TpotMs, Is.EqualTo(truth.TpotMs).Within(truth.TpotMs * 0.01));
            Assert.That(fit.Baseline[0].Predicted.TpotMs, Is.Not.EqualTo(truth.TpotMs).Within(truth.TpotMs * 0.01));
        });
    }

    private static string Rewrite(Func<string, string> edit)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dessim-bench-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, edit(File.ReadAllText(Fixture)));
        return path;
    }
}
