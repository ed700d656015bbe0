using DesSim.Core.Studies;

namespace DesSim.Cli.Tests.Sweeps;

public sealed class PlanCommandTests
{
    [OneTimeTearDown]
    public void Cleanup() => SweepFixture.Cleanup();

    [Test]
    public void LatencyObjectiveRanksTensorParallelFirstForLlama70bOnEightH100s()
    {
        // The field's finding (facts.md): TP-heavy layouts give the lowest latency. Batch preset: no capacity search, so it is fast.
        var outDir = Path.Combine(SweepFixture.NewDir(), "plan");
        var (code, output, err) = CliTests.Run("plan", "--model", "llama-3.1-70b", "--gpu", "h100", "--gpus", "8", "--slo", "batch", "--objective", "latency", "--requests", "120", "--out", outDir, "--report");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        var table = Reporting.Sweeps.SweepCsv.Read(Path.Combine(outDir, "plan.csv"));
        var layouts = table.Rows.Select(r => table.Text(r, "layout")).ToArray();
        Assert.That(layouts[0], Is.EqualTo("TP8xPP1"));
        Assert.That(layouts[^1], Does.StartWith("TP1"), "pure pipeline layouts have the highest latency");
        Assert.That(table.Rows.Select(r => table.Number(r, "e2el_p99_ms")), Is.Ordered);
        Assert.That(output, Does.Contain("#1 TP8xPP1").And.Contains("TP all-reduce over nvswitch"));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "plan.html")), Does.Contain("Pareto").And.Contains("#1 TP8xPP1"));
    }

    [Test]
    public void BadFlagsExitTwo()
    {
        Assert.That(CliTests.Run("plan", "--model", "llama-3.1-70b", "--gpu", "h100", "--slo", "nope").Code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(CliTests.Run("plan", "--model", "llama-3.1-70b", "--gpu", "h100", "--objective", "speed").Code, Is.EqualTo(ExitCodes.BadInput));
        var (code, _, err) = CliTests.Run("plan", "--model", "llama-3.1-405b", "--gpu", "h100", "--gpus", "2", "--gpus-per-node", "2");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("no layout of 2 GPUs fits").And.Contains("weights need"));
    }

    [Test]
    public void CapacityCommandReportsRatePerGpuAndSimulations()
    {
        var dir = SweepFixture.NewDir();
        var scenario = SweepFixture.Write(dir, "tiny.yaml", SweepFixture.Scenario);
        var outDir = Path.Combine(dir, "cap");
        var (code, output, err) = CliTests.Run("capacity", scenario, "--layouts", "scenario", "--slo", "ttft_ms=350,tpot_ms=25,queue_ms=100", "--out", outDir, "--report");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        Assert.That(output, Does.Contain("queueing delay"));
        var table = Reporting.Sweeps.SweepCsv.Read(Path.Combine(outDir, "capacity.csv"));
        var row = table.Rows.Single();
        Assert.That(table.Number(row, "capacity_rps"), Is.GreaterThan(0));
        Assert.That(table.Number(row, "capacity_rps_per_gpu"), Is.EqualTo(table.Number(row, "capacity_rps") / 4).Within(1e-5));
        Assert.That(table.Number(row, "simulations"), Is.InRange(2, CapacitySearch.DefaultMaxSimulations));
        Assert.That(table.Number(row, "queue_p99_ms"), Is.LessThanOrEqualTo(100));
        Assert.That(File.Exists(Path.Combine(outDir, "capacity.html")));
    }

    [TestCase("cost", "usd_per_million_output_tokens")]
    [TestCase("energy", "energy_j_per_output_token")]
    public void CapacityObjectiveOrdersLayoutsByThatFigureAtCapacity(string objective, string column)
    {
        var dir = SweepFixture.NewDir();
        var scenario = SweepFixture.Write(dir, "tiny.yaml", SweepFixture.Scenario);
        var outDir = Path.Combine(dir, "cap");
        var (code, output, err) = CliTests.Run("capacity", scenario, "--objective", objective, "--out", outDir, "--report");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        Assert.That(output, Does.Contain("ordered by " + objective));
        var table = Reporting.Sweeps.SweepCsv.Read(Path.Combine(outDir, "capacity.csv"));
        Assert.That(table.Rows, Has.Count.EqualTo(6));
        var values = table.Rows.Select(r => table.Number(r, column)).ToArray();
        Assert.That(values.All(v => v > 0), Is.True, string.Join(", ", values));
        Assert.That(values, Is.Ordered, "lowest first");
        Assert.That(table.Rows.All(r => table.Number(r, "average_power_w_at_capacity") is > 0 and < 4 * 700.0), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(outDir, "capacity.html")), Does.Contain(objective == "cost" ? "Cost per million output tokens at capacity" : "Energy per output token at capacity"));
    }

    [Test]
    public void CapacityPowerBudgetCapsEveryGpuAndLowersNoCapacityForFree()
    {
        var dir = SweepFixture.NewDir();
        var scenario = SweepFixture.Write(dir, "tiny.yaml", SweepFixture.Scenario);
        var free = CliTests.Run("capacity", scenario, "--layouts", "scenario", "--out", Path.Combine(dir, "free"));
        var (code, output, err) = CliTests.Run("capacity", scenario, "--layouts", "scenario", "--power-budget-w", "1600", "--out", Path.Combine(dir, "capped"));
        Assert.That(free.Code, Is.Zero, free.Err);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        Assert.That(output, Does.Contain("power budget 1600 W: every GPU capped at 400 W"));
        double Rps(string d) => Reporting.Sweeps.SweepCsv.Read(Path.Combine(dir, d, "capacity.csv")) is var t ? t.Number(t.Rows.Single(), "capacity_rps") : double.NaN;
        double Peak(string d) => Reporting.Sweeps.SweepCsv.Read(Path.Combine(dir, d, "capacity.csv")) is var t ? t.Number(t.Rows.Single(), "peak_power_w_at_capacity") : double.NaN;
        Assert.That(Rps("capped"), Is.LessThanOrEqualTo(Rps("free")), "a cap slows compute-bound kernels");
        Assert.That(Peak("capped"), Is.LessThanOrEqualTo(1600 + 1e-6), "the cluster stays within the budget");
    }

    [TestCase("--objective", "latency", "expected capacity, cost or energy")]
    [TestCase("--power-budget-w", "100", "must be above the cluster's idle power")]
    public void CapacityBadObjectiveOrBudgetExitTwo(string flag, string value, string expect)
    {
        var dir = SweepFixture.NewDir();
        var scenario = SweepFixture.Write(dir, "tiny.yaml", SweepFixture.Scenario);
        var (code, _, err) = CliTests.Run("capacity", scenario, flag, value, "--out", Path.Combine(dir, "cap"));
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain(flag).And.Contain(expect));
        Assert.That(Directory.Exists(Path.Combine(dir, "cap")), Is.False);
    }
}
