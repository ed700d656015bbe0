using DesSim.Core.Fidelity.Validation;
using static DesSim.Core.Fidelity.Validation.ClosedLoopDecomposition;

namespace DesSim.Core.Tests.Validation;

public sealed class ClosedLoopDecompositionTests
{
    // The model forward: TPOT(osl) = d + (c − g)·x/(osl − 1), TTFT = d + g·x.
    private static Point Forward(int c, double d, double x, double g, int osl) => new(osl, d + g * x, d + (c - g) * x / (osl - 1));

    [TestCase(8, 15.6, 56.0, 2.5, 128, 1024)]
    [TestCase(16, 10.0, 35.0, 4.0, 128, 256)]
    [TestCase(128, 30.0, 50.0, 12.0, 128, 512)]
    public void SolveRecoversThePartsThatMadeTheTwoRuns(int c, double d, double x, double g, int shortOsl, int longOsl)
    {
        var p = Solve(c, Forward(c, d, x, g, shortOsl), Forward(c, d, x, g, longOsl));
        Assert.That(p, Is.Not.Null);
        Assert.That(p!.Value.DecodeStepMs, Is.EqualTo(d).Within(1e-9));
        Assert.That(p.Value.PrefillCostMs, Is.EqualTo(x).Within(1e-9));
        Assert.That(p.Value.PrefillsInTtft, Is.EqualTo(g).Within(1e-9));
    }

    [Test]
    public void TwoRunsThatDoNotDetermineThePartsGiveNothing()
    {
        var a = new Point(128, 150, 18);
        Assert.That(Solve(8, a, a), Is.Null, "same output length");
        Assert.That(Solve(8, a with { OutputTokens = 1 }, a), Is.Null, "one output token has no TPOT");
        // TPOT rising with the output length: a negative prefill cost (others' prefills cannot speed decode up).
        Assert.That(Solve(8, new Point(128, 150, 15), new Point(1024, 150, 18)), Is.Null);
        // TTFT below the decode step: no prefill inside TTFT.
        Assert.That(Solve(8, new Point(128, 5, 18.5), new Point(1024, 5, 18)), Is.Null);
    }

    [Test]
    public void OnlyFitRowsArePairedAtTheirShortestAndLongestOutput()
    {
        // Measured rows made from known parts; predicted = measured with twice the grouping (g).
        const int C = 8;
        const double D = 10, X = 40, G = 3;
        var rows = new List<SiliconRow>();
        var cases = new List<ValidationCase>();
        foreach (var osl in new[] { 128, 256, SiliconCases.HeldOutOutputTokens })
        {
            var m = Forward(C, D, X, G, osl);
            var p = Forward(C, D, X, 2 * G, osl);
            var row = new SiliconRow("trtllm", "1.0.0rc3", "fp8", 1024, osl, C, 2, 1, m.TtftMs, m.TpotMs);
            rows.Add(row);
            // The held-out row's prediction is poisoned: if it were used, the solved parts would not come out exact.
            double poison = SiliconCases.IsHeldOut(row) ? 1000 : 0;
            cases.Add(new ValidationCase(row.Id, "TTFT", "ms", m.TtftMs, p.TtftMs + poison, "fit", "test"));
            cases.Add(new ValidationCase(row.Id, "TPOT", "ms", m.TpotMs, p.TpotMs + poison, "fit", "test"));
        }

        var configs = OfFitRows(rows, cases);
        Assert.That(configs, Has.Count.EqualTo(1));
        var only = configs[0];
        Assert.That((only.Group, only.InputTokens, only.Tp, only.Concurrency), Is.EqualTo(("trtllm 1.0.0rc3", 1024, 2, C)));
        Assert.That(only.Measured.PrefillsInTtft, Is.EqualTo(G).Within(1e-9));
        Assert.That(only.Predicted.PrefillsInTtft, Is.EqualTo(2 * G).Within(1e-9));
        Assert.That(only.Predicted.PrefillCostMs, Is.EqualTo(X).Within(1e-9));

        var s = Summarize(configs).Single();
        Assert.That(s.Configurations, Is.EqualTo(1));
        Assert.That(s.DecodeStepRatio, Is.EqualTo(1.0).Within(1e-9));
        Assert.That(s.PrefillCostRatio, Is.EqualTo(1.0).Within(1e-9));
        Assert.That(s.PrefillsInTtftRatio, Is.EqualTo(2.0).Within(1e-9));
        Assert.That(s.MeasuredPrefillsInTtftAtLowest, Is.EqualTo(G).Within(1e-9));
        Assert.That(s.PredictedPrefillsInTtftAtLowest, Is.EqualTo(2 * G).Within(1e-9));
    }

    [Test]
    public void TheSummaryTakesMediansPerPromptLengthAndTheLowestConcurrency()
    {
        static Decomposed K(int isl, int c, double gMeasured, double gPredicted) =>
            new("vllm 0.12.0", isl, 2, c, new Parts(10, 50, gMeasured), new Parts(11, 45, gPredicted));
        var s = Summarize([K(1024, 8, 3, 9), K(1024, 8, 3, 6), K(1024, 16, 4, 4), K(4096, 8, 3, 2.4)]);
        Assert.That(s.Select(r => (r.InputTokens, r.Configurations)), Is.EqualTo(new[] { (1024, 3), (4096, 1) }));
        Assert.That(s[0].DecodeStepRatio, Is.EqualTo(1.1).Within(1e-12));
        Assert.That(s[0].PrefillCostRatio, Is.EqualTo(0.9).Within(1e-12));
        Assert.That(s[0].PrefillsInTtftRatio, Is.EqualTo(2.0).Within(1e-12), "ratios 3, 2, 1");
        Assert.That((s[0].MeasuredPrefillsInTtftAtLowest, s[0].PredictedPrefillsInTtftAtLowest), Is.EqualTo((3.0, 7.5)));
    }
}
