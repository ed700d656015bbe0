using System.Diagnostics;

namespace DesSim.Cli.Tests.Sweeps;

public sealed class SweepCommandTests
{
    [OneTimeTearDown]
    public void Cleanup() => SweepFixture.Cleanup();

    private static (string Scenario, string Grid) Inputs()
    {
        var dir = SweepFixture.NewDir();
        return (SweepFixture.Write(dir, "tiny.yaml", SweepFixture.Scenario), SweepFixture.Write(dir, "grid.yaml", SweepFixture.Grid));
    }

    [Test]
    public void SweepWritesTableReportAndRerunSkipsEverything()
    {
        var (scenario, grid) = Inputs();
        var outDir = Path.Combine(SweepFixture.NewDir(), "out");
        var (code, output, err) = CliTests.Run("sweep", scenario, "--grid", grid, "--out", outDir, "--report", "--jobs", "2");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        Assert.That(output, Does.Contain("ran 18 point(s), 0 already complete"));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "sweep.html")), Does.Contain("<svg").And.Contains("p99 TTFT"));
        (code, output, _) = CliTests.Run("sweep", scenario, "--grid", grid, "--out", outDir);
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output, Does.Contain("ran 0 point(s), 18 already complete"));
    }

    [Test]
    public void ABadAxisValueFailsUpFrontNamingThePointAndWritesNothing()
    {
        var dir = SweepFixture.NewDir();
        var scenario = SweepFixture.Write(dir, "tiny.yaml", SweepFixture.Scenario);
        var grid = SweepFixture.Write(dir, "grid.yaml", "axes: { scheduler.policy: [vllm, fastest] }");
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliTests.Run("sweep", scenario, "--grid", grid, "--out", outDir);
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("grid.yaml:point 1").And.Contains("scheduler.policy=fastest").And.Contains("policy"));
        Assert.That(Directory.Exists(outDir), Is.False);
    }

    [Test]
    public void MergeCommandCombinesShards()
    {
        var (scenario, grid) = Inputs();
        var root = SweepFixture.NewDir();
        for (int k = 1; k <= 2; k++)
        {
            Assert.That(CliTests.Run("sweep", scenario, "--grid", grid, "--out", Path.Combine(root, $"s{k}"), "--shard", $"{k}/2").Code, Is.EqualTo(ExitCodes.Success));
        }

        var (code, output, err) = CliTests.Run("merge", "--out", Path.Combine(root, "all"), Path.Combine(root, "s1"), Path.Combine(root, "s2"));
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        Assert.That(output, Does.Contain("merged 18 points"));
        Assert.That(CliTests.Run("merge", "--out", Path.Combine(root, "bad"), Path.Combine(root, "s1")).Code, Is.EqualTo(ExitCodes.BadInput));
    }

    [Test]
    public void KillMinusNineMidSweepThenRerunMatchesAnUninterruptedRun()
    {
        var (scenario, grid) = Inputs();
        var root = SweepFixture.NewDir();
        var reference = Path.Combine(root, "ref");
        // Why 300 requests: points slow enough (~0.1 s each) that the kill lands mid-sweep.
        Assert.That(CliTests.Run("sweep", scenario, "--grid", grid, "--out", reference, "--jobs", "1", "--set", "workload.requests=300").Code, Is.EqualTo(ExitCodes.Success));

        var killed = Path.Combine(root, "killed");
        var cli = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "sweep", scenario, "--grid", grid, "--out", killed, "--jobs", "1", "--set", "workload.requests=300" })
        {
            start.ArgumentList.Add(a);
        }

        using (var process = Process.Start(start)!)
        {
            var csv = Path.Combine(killed, "sweep.csv");
            var deadline = Stopwatch.StartNew();
            while (!process.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60)
                   && !(File.Exists(csv) && File.ReadAllLines(csv).Length >= 3))
            {
                Thread.Sleep(5);
            }

            Assume.That(process.HasExited, Is.False, "the sweep finished before it could be killed");
            process.Kill(entireProcessTree: true); // SIGKILL on Linux: no cleanup runs
            process.WaitForExit();
        }

        var (code, output, err) = CliTests.Run("sweep", scenario, "--grid", grid, "--out", killed, "--jobs", "2", "--set", "workload.requests=300");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        Assert.That(output, Does.Match(@"ran \d+ point\(s\), [1-9]\d* already complete"));
        Assert.That(File.ReadAllBytes(Path.Combine(killed, "sweep.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(reference, "sweep.csv"))));
    }
}
