namespace DesSim.Cli.Tests.Sweeps;

public sealed class PlanDisaggregationCommandTests
{
    [OneTimeTearDown]
    public void Cleanup() => SweepFixture.Cleanup();

    private static (int Code, string Output, string Err) Plan(string outDir, params string[] more) =>
        CliTests.Run(["plan", "--model", "llama-3.1-8b", "--slo", "batch", "--objective", "latency", "--requests", "40", "--out", outDir, .. more]);

    [Test]
    public void DisaggregationRanksTheSplitsInOneListWithTheColocatedLayouts()
    {
        // 2 GPUs in one node: colocated TP2, TP1xPP2, TP1xDP2 and the one split that uses both GPUs, 1P1D TP1/TP1.
        var outDir = Path.Combine(SweepFixture.NewDir(), "plan");
        var (code, output, err) = Plan(outDir, "--gpu", "h100", "--gpus", "2", "--gpus-per-node", "2", "--disaggregation");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        var table = Reporting.Sweeps.SweepCsv.Read(Path.Combine(outDir, "plan.csv"));
        var layouts = table.Rows.Select(r => table.Text(r, "layout")).ToArray();
        Assert.That(layouts, Is.EquivalentTo(new[] { "TP2xPP1", "TP1xPP2", "TP1xPP1xDP2", "PD 1P1D TP1/TP1" }));
        Assert.That(table.Rows.Select(r => table.Number(r, "rank")), Is.EqualTo(new double[] { 1, 2, 3, 4 }));
        Assert.That(table.Rows.Select(r => table.Number(r, "e2el_p99_ms")), Is.Ordered, "latency objective: lowest p99 E2EL first");
        var split = table.Rows.Single(r => table.Text(r, "layout") == "PD 1P1D TP1/TP1");
        Assert.That(table.Text(split, "tp"), Is.Empty, "a split's pools carry their own degrees");
        Assert.That(table.Number(split, "gpus"), Is.EqualTo(2));
        Assert.That(table.Text(split, "why"), Does.Contain("prefill 1×TP1 on").And.Contains("KV hand-off").And.Contains("best colocated layout"));
        Assert.That(output, Does.Match("disaggregation (wins|loses) under the latency objective: best split PD 1P1D TP1/TP1"));

        var again = Path.Combine(SweepFixture.NewDir(), "plan");
        Assert.That(Plan(again, "--gpu", "h100", "--gpus", "2", "--gpus-per-node", "2", "--disaggregation").Code, Is.Zero);
        Assert.That(File.ReadAllBytes(Path.Combine(again, "plan.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(outDir, "plan.csv"))), "deterministic ranking");
    }

    [Test]
    public void TwoGpuTypesSearchWhichGpuServesWhichPhase()
    {
        var outDir = Path.Combine(SweepFixture.NewDir(), "plan");
        var (code, output, err) = Plan(outDir, "--gpu", "h100,h200", "--gpus", "2", "--gpus-per-node", "1", "--disaggregation");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        var table = Reporting.Sweeps.SweepCsv.Read(Path.Combine(outDir, "plan.csv"));
        var layouts = table.Rows.Select(r => table.Text(r, "layout")).ToArray();
        Assert.That(layouts, Has.Length.EqualTo(3));
        Assert.That(layouts, Has.One.Match("^PD 1P1D TP1@H100[^/]*/TP1@H200").And.One.Match("^PD 1P1D TP1@H200[^/]*/TP1@H100"));
        Assert.That(layouts, Has.One.Match(@"^TP1xPP1xDP2 \(1@H100.* \+ 1@H200"));
        Assert.That(output, Does.Contain("H100").And.Contains("H200").And.Contains("disaggregation "));
    }

    [Test]
    public void BadDisaggregationPlansExitTwoWithTheArithmeticAndNoOutput()
    {
        var dir = SweepFixture.NewDir();
        var (code, output, err) = Plan(Path.Combine(dir, "one"), "--gpu", "h100", "--gpus", "1", "--disaggregation");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("a prefill and a decode pool need at least 1 GPU each: the cluster has 1 GPU"));
        Assert.That(output, Is.Empty);
        Assert.That(Directory.Exists(Path.Combine(dir, "one")), Is.False);

        (code, _, err) = CliTests.Run("plan", "--model", "llama-3.1-70b", "--gpu", "h100", "--gpus", "4", "--gpus-per-node", "4", "--slo", "batch", "--disaggregation", "--out", Path.Combine(dir, "big"));
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("no prefill/decode split of 4 GPUs").And.Contains("GB short"));

        (code, _, err) = Plan(Path.Combine(dir, "shard"), "--gpu", "h100", "--gpus", "2", "--disaggregation", "--shard", "1/2");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("--disaggregation"));

        (code, _, err) = Plan(Path.Combine(dir, "same"), "--gpu", "h100,h100", "--gpus", "2", "--gpus-per-node", "1");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("distinct GPU names"));

        (code, _, err) = Plan(Path.Combine(dir, "odd"), "--gpu", "h100,h200", "--gpus", "3", "--gpus-per-node", "1");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("3 GPUs do not split into 2 equal node groups"));
    }
}
