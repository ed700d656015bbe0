using DesSim.Core.Configuration;
using DesSim.Core.Fidelity.Validation;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;
using DesSim.Engine;

namespace DesSim.Core.Tests.Validation;

public sealed class SiliconCasesTests
{
    [Test]
    public void TheEmbeddedFileHasEveryRowAndTheSplitKeepsEveryTpDegreeOnBothSides()
    {
        var rows = SiliconCases.Load();
        Assert.That(rows, Has.Count.EqualTo(357));
        Assert.That(rows.Select(r => r.Id).Distinct().Count(), Is.EqualTo(357));
        foreach (var engine in new[] { "vllm", "sglang", "trtllm" })
        {
            var main = rows.Where(r => r.Engine == engine && r.Version == SiliconCases.FitVersions[engine]).ToArray();
            var fitTp = main.Where(r => !SiliconCases.IsHeldOut(r)).Select(r => r.Tp).Distinct().Order().ToArray();
            var heldTp = main.Where(SiliconCases.IsHeldOut).Where(r => r.OutputTokens == SiliconCases.HeldOutOutputTokens).Select(r => r.Tp).Distinct().Order().ToArray();
            Assert.That(heldTp, Is.EqualTo(fitTp), engine);
            Assert.That(fitTp, Has.Length.GreaterThanOrEqualTo(3), engine);
        }

        Assert.That(rows.Where(r => r.OutputTokens == 1000).All(SiliconCases.IsHeldOut), Is.True);
        Assert.That(rows.Where(r => r.Version == "0.5.8.post1").All(SiliconCases.IsHeldOut), Is.True);
    }

    [Test]
    public void ARowRunsAsAClosedLoopFromAnIdleEngineWithEveryRequestMeasured()
    {
        var row = SiliconCases.Load().First(r => r.Engine == "trtllm" && r.Tp == 8 && r.Concurrency == 8);
        var scenario = ScenarioLoader.Read(YamlDocumentLoader.Parse(SiliconCases.ScenarioYaml(row, "trtllm"), "s"), "s.yaml", Path.GetTempPath());
        var run = ScenarioRunner.Run(scenario);
        Assert.That(run.Result.Summary.RequestsCompleted, Is.EqualTo(SiliconCases.RequestsPerUser * row.Concurrency));
        var (ttft, tpot, measured) = BenchmarkClientStats.Measure(run.Result.Requests, 0);
        Assert.That(measured, Is.EqualTo(SiliconCases.RequestsPerUser * row.Concurrency));
        Assert.That(SiliconCases.Predict(row), Is.EqualTo((ttft, tpot)));
        Assert.That(tpot, Is.GreaterThan(0).And.LessThan(ttft));
    }

    [Test]
    public void BenchmarkClientMeansLeaveOutWarmUpIds()
    {
        // Request 0 (warm-up): TTFT 100 ms; 1: 10 ms, TPOT (30 − 10) / (3 − 1) = 10 ms; 2: 20 ms, TPOT (60 − 20) / 4 = 10 ms.
        static RequestRecord R(long id, double ttftMs, double e2eMs, int output) =>
            new(id, 0, 10, output, SimTime.Zero, SimTime.Zero, SimTime.FromMilliseconds(ttftMs), SimTime.FromMilliseconds(e2eMs), 0, SimTime.Zero, false);
        var records = new[] { R(0, 100, 200, 3), R(1, 10, 30, 3), R(2, 20, 60, 5) };
        var (ttft, tpot, n) = BenchmarkClientStats.Measure(records, 1);
        Assert.That((ttft, tpot, n), Is.EqualTo((15.0, 10.0, 2)));
        Assert.That(BenchmarkClientStats.Measure(records, 0).MeanTtftMs, Is.EqualTo(130.0 / 3).Within(1e-12));
    }

    [Test]
    public void TpOrderCountsPairsWhosePredictedOrderMatchesTheMeasuredOne()
    {
        static ValidationCase C(int tp, double measured, double predicted) =>
            new($"c{tp}", "TPOT", "ms", measured, predicted, "held-out", "test") { Group = "g", PairKey = "k", Tp = tp };
        // Measured falls with TP (30, 20, 10); predicted 30, 35, 10: pair (1,2) wrong, (1,4) and (2,4) right.
        var report = new ValidationReport([C(1, 30, 30), C(2, 20, 35), C(4, 10, 10)], EngineOverheads.None, EngineOverheads.None);
        var s = report.Summary().Single();
        Assert.That((s.TpPairs, s.TpPairsRight), Is.EqualTo((3, 2)));
        Assert.That(s.MedianAbsPercent, Is.EqualTo(0));
        Assert.That(s.MaxAbsPercent, Is.EqualTo(75));
    }
}
