using DesSim.Core.Fidelity.Calibration;
using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;
using DesSim.Core.Fidelity.Validation;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Tests.Calibration;

public sealed class EngineFitTests
{
    [Test]
    public void SolverRecoversKnownNonNegativeParameters()
    {
        var rows = new List<(double[] X, double Y)>();
        for (int i = 1; i <= 12; i++)
        {
            double[] x = [1, i % 5, i * i];
            rows.Add((x, (2 * x[0]) + (0.5 * x[1]) + (0.1 * x[2])));
        }

        var p = EngineFitter.SolveNonNegative(rows);
        Assert.That(p, Is.EqualTo(new[] { 2, 0.5, 0.1 }).Within(1e-9));
    }

    [Test]
    public void SolverDropsAParameterThatWouldGoNegative()
    {
        // y = 3 − 0.2·x2: the unconstrained fit gives a negative third parameter; the constrained one must be ≥ 0.
        var rows = Enumerable.Range(1, 10).Select(i => (new double[] { 1, 0, i }, 3 - (0.2 * i))).ToList();
        var p = EngineFitter.SolveNonNegative(rows);
        Assert.That(p.All(v => v >= 0), Is.True);
        Assert.That(p[2], Is.Zero);
    }

    [Test]
    public void FitRecoversTheOverheadsARunWasSimulatedWith()
    {
        var truth = new EngineOverheads("truth", 3e-3, 0.2e-3, 10e-6);
        var shapes = new (int Tp, int Batch, int Input)[] { (2, 1, 256), (4, 4, 512), (8, 2, 128), (4, 1, 1024), (2, 8, 128) };
        var runs = shapes.Select((s, i) =>
        {
            var r = new MeasuredRun($"r{i}", "llama2-70b", "a100", "fp16", s.Tp, 1, s.Batch, s.Input, 16, null, null, i == 4);
            var p = StaticBatchSimulator.Predict(r, truth);
            return r with { TtftMs = p.TtftMs, TpotMs = p.TpotMs };
        }).ToArray();

        var fit = EngineFitter.Fit(runs, "fitted");
        Assert.That(fit.Engine.IterationOverheadSeconds, Is.EqualTo(truth.IterationOverheadSeconds).Within(2e-5));
        Assert.That(fit.Engine.PerSequenceOverheadSeconds, Is.EqualTo(truth.PerSequenceOverheadSeconds).Within(2e-5));
        Assert.That(fit.Engine.CollectiveStepOverheadSeconds, Is.EqualTo(truth.CollectiveStepOverheadSeconds).Within(2e-7));
        var (ttft, tpot) = EngineFitResult.Stats(fit.Fitted, holdOut: true);
        Assert.That(ttft.MaxAbsRelativeError, Is.LessThan(1e-3));
        Assert.That(tpot.MaxAbsRelativeError, Is.LessThan(1e-3));
    }

    [Test]
    public void HeldOutMeasurementsDoNotInfluenceTheFit()
    {
        var runs = SplitwiseRuns.Load().Where(r => r.Batch == 1 && r.OutputTokens == 128).ToArray();
        Assert.That(runs.Any(r => r.HoldOut) && runs.Any(r => !r.HoldOut), Is.True);
        var a = EngineFitter.Fit(runs, "a").Engine;
        var scrambled = runs.Select(r => r.HoldOut ? r with { TtftMs = r.TtftMs * 10, TpotMs = r.TpotMs / 3 } : r).ToArray();
        var b = EngineFitter.Fit(scrambled, "a").Engine;
        Assert.That(b, Is.EqualTo(a));
    }

    [Test]
    public void CollectiveStepOverheadScalesWithLayersAndTp()
    {
        var e = new EngineOverheads("x", 1e-3, 0, 5e-6);
        Assert.That(e.IterationSeconds(80, 1), Is.EqualTo(1e-3));
        Assert.That(e.IterationSeconds(80, 4), Is.EqualTo(1e-3 + (4 * 80 * 3 * 5e-6)).Within(1e-15));
    }

    [Test]
    public void PresetsExistAndInlineKeysOverrideThem()
    {
        foreach (var name in new[] { "none", "vllm", "trtllm", "sglang", "splitwise-a100" })
        {
            Assert.That(EngineOverheadsCatalog.TryGet(name, out _), Is.True, name);
        }

        var root = YamlDocumentLoader.Parse("engine: { preset: vllm, collective_step_overhead_us: 7 }\n", "t.yaml");
        var e = EngineOverheadsReader.Read(root);
        Assert.That(e.CollectiveStepOverheadSeconds, Is.EqualTo(7e-6).Within(1e-12));
        Assert.That(e.IterationOverheadSeconds, Is.EqualTo(EngineOverheadsCatalog.VllmIterationMs / 1e3).Within(1e-12));
    }

    [Test]
    public void SplitwiseRunsAreMediansOfTheRepeats()
    {
        var runs = SplitwiseRuns.Load();
        Assert.That(runs, Has.Count.EqualTo(57));
        var r = runs.Single(x => x.Id == "splitwise-a100-tp2-in512-b1-out128");
        Assert.That(r.TtftMs, Is.EqualTo(196.9).Within(0.1));
        Assert.That(r.TpotMs, Is.EqualTo(54.86).Within(0.01));
        Assert.That(runs.Where(x => x.HoldOut).All(x => x.Tp == SplitwiseRuns.HoldOutTp), Is.True);
    }

    [Test]
    public void RunsCsvRoundTripsAndRejectsMissingColumns()
    {
        var path = Path.Combine(Path.GetTempPath(), $"runs-{Guid.NewGuid():N}.csv");
        try
        {
            var runs = SplitwiseRuns.Load().Take(5).ToArray();
            using (var w = new StreamWriter(path))
            {
                MeasuredRunsCsv.Write(w, runs);
            }

            Assert.That(MeasuredRunsCsv.Read(path), Is.EqualTo(runs));
            File.WriteAllText(path, "model,gpu,tp\nllama2-70b,a100,2\n");
            var e = Assert.Throws<InputException>(() => MeasuredRunsCsv.Read(path));
            Assert.That(e!.Message, Does.Contain("batch"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
