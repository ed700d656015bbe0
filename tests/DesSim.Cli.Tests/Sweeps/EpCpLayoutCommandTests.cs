namespace DesSim.Cli.Tests.Sweeps;

public sealed class EpCpLayoutCommandTests
{
    private const string Mixtral = """
        name: moe
        seed: 11
        model: mixtral-8x7b
        cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 8 }
        parallelism: { tp: 2, dp: 4, ep: 8 }
        cost_model: roofline
        workload:
          requests: 40
          arrival: { process: poisson, rate: 20 }
          input_tokens: 512
          output_tokens: 32
        outputs: { timeseries_step_s: 0, chrome_trace: false }
        """;

    [OneTimeTearDown]
    public void Cleanup() => SweepFixture.Cleanup();

    [Test]
    public void ALayoutListTakesEpAndCpAndTheTableShowsThemWithTheAllToAllShare()
    {
        var dir = SweepFixture.NewDir();
        var scenario = SweepFixture.Write(dir, "moe.yaml", Mixtral);
        var grid = SweepFixture.Write(dir, "grid.yaml", "layouts: [{ tp: 8, ep: 8 }, { tp: 8, ep: 1 }, { tp: 2 }]");
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliTests.Run("sweep", scenario, "--grid", grid, "--out", outDir, "--report");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        var table = Reporting.Sweeps.SweepCsv.Read(Path.Combine(outDir, "sweep.csv"));
        Assert.That(table.Headers.Take(8), Is.EqualTo(new[] { "point", "layout", "tp", "pp", "dp", "ep", "cp", "gpus" }));
        Assert.That(table.Rows.Select(r => table.Text(r, "layout")), Is.EqualTo(new[] { "TP8xPP1xEP8", "TP8xPP1", "TP2xPP1xDP4xEP8" }), "an entry without ep keeps the scenario's");
        Assert.That(table.Rows.Select(r => table.Number(r, "ep")), Is.EqualTo(new[] { 8.0, 1, 8 }));
        Assert.That(table.Rows.Select(r => table.Number(r, "cp")), Is.EqualTo(new[] { 1.0, 1, 1 }));
        Assert.That(table.Number(table.Rows[0], "other_comm_share"), Is.GreaterThan(0), "EP all-to-all time");
        Assert.That(table.Number(table.Rows[1], "other_comm_share"), Is.EqualTo(0));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "sweep.html")), Does.Contain("other_comm_share"));
    }

    [Test]
    public void PlanForMixtralRanksExpertParallelLayoutsAndExplainsTheirAllToAll()
    {
        var outDir = Path.Combine(SweepFixture.NewDir(), "plan");
        var (code, output, err) = CliTests.Run("plan", "--model", "mixtral-8x7b", "--gpu", "h100", "--gpus", "8", "--slo", "batch", "--requests", "40", "--out", outDir);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        var table = Reporting.Sweeps.SweepCsv.Read(Path.Combine(outDir, "plan.csv"));
        var ep = table.Rows.Where(r => table.Number(r, "ep") > 1).ToArray();
        Assert.That(ep.Select(r => table.Text(r, "layout")), Does.Contain("TP8xPP1xEP8").And.Contain("TP1xPP1xDP8xEP8"));
        Assert.That(ep.All(r => table.Number(r, "other_comm_share") > 0));
        Assert.That(table.Rows.All(r => table.Number(r, "cp") == 1), "chat-length prompts: no CP layouts");
        Assert.That(ep.Select(r => table.Text(r, "why")), Has.All.Contains("% of GPU time in all-to-all"));
        Assert.That(table.Rows.Where(r => table.Number(r, "ep") == 1).Select(r => table.Text(r, "why")), Has.None.Contains("all-to-all"));
        Assert.That(output, Does.Contain("EP/CP comm"));
    }
}
