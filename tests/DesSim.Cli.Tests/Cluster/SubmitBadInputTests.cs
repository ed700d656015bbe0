using DesSim.Cli.Tests.Sweeps;

namespace DesSim.Cli.Tests.Cluster;

/// <summary>Bad submission input exits 2 with one line and writes nothing (the cases that need no Slurm cluster).</summary>
public sealed class SubmitBadInputTests
{
    private static (string Scenario, string Grid, string Dir) Files()
    {
        var dir = SweepFixture.NewDir();
        return (SweepFixture.Write(dir, "s.yaml", SweepFixture.Scenario), SweepFixture.Write(dir, "g.yaml", SweepFixture.Grid), dir);
    }

    private static void ExpectBadInput((int Code, string Stdout, string Stderr) r, string outDir, params string[] expect)
    {
        Assert.That(r.Code, Is.EqualTo(2), r.Stdout + r.Stderr);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), r.Stderr);
        foreach (var e in expect)
        {
            Assert.That(lines[0], Does.Contain(e));
        }

        Assert.That(Directory.Exists(Path.Combine(outDir, "jobs")), Is.False, "no scripts are left behind");
    }

    [Test]
    public void ZeroShardsIsRefused()
    {
        var (s, g, dir) = Files();
        var outDir = Path.Combine(dir, "out");
        ExpectBadInput(SlurmSweepTests.Dessim("sweep", s, "--grid", g, "--out", outDir, "--submit", "slurm", "--shards", "0", "--dry-run"), outDir, "--shards", "must be ≥ 1");
    }

    [Test]
    public void SubmitWithoutSbatchOnPathIsRefused()
    {
        var (s, g, dir) = Files();
        var outDir = Path.Combine(dir, "out");
        var dessim = CliHost.NativeBinary ?? Path.Combine(TestContext.CurrentContext.TestDirectory, "dessim");
        var dotnetDir = Path.GetDirectoryName(Environment.ProcessPath ?? "/usr/bin/dotnet")!;
        var (code, output) = LocalSlurm.Run(dessim, ["sweep", s, "--grid", g, "--out", outDir, "--submit", "slurm", "--shards", "2"], new Dictionary<string, string> { ["PATH"] = Path.Combine(dir, "empty-path"), ["DOTNET_ROOT"] = dotnetDir });
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output.Trim().Split('\n'), Has.Length.EqualTo(1), output);
        Assert.That(output, Does.Contain("--submit slurm").And.Contain("sbatch is not on PATH"));
        Assert.That(Directory.Exists(outDir), Is.False);
    }

    [Test]
    public void AnOutputDirectoryHoldingAnotherSweepIsRefused()
    {
        var (s, g, dir) = Files();
        var outDir = Path.Combine(dir, "out");
        Assert.That(SlurmSweepTests.Dessim("sweep", s, "--out", outDir, "--jobs", "1").Code, Is.Zero);
        ExpectBadInput(SlurmSweepTests.Dessim("sweep", s, "--grid", g, "--out", outDir, "--submit", "slurm", "--shards", "2", "--dry-run"), outDir, outDir, "holds another sweep");
    }

    [Test]
    public void DryRunWritesBothScriptsAndSubmitsNothing()
    {
        var (s, g, dir) = Files();
        var outDir = Path.Combine(dir, "out");
        var r = SlurmSweepTests.Dessim("sweep", s, "--grid", g, "--out", outDir, "--submit", "slurm", "--shards", "3", "--partition", "gpu", "--time", "00:30:00", "--cpus-per-task", "2", "--dry-run");
        Assert.That(r.Code, Is.Zero, r.Stderr);
        var shards = File.ReadAllText(Path.Combine(outDir, "jobs", "slurm-shards.sbatch"));
        Assert.That(shards, Does.Contain("#SBATCH --array=1-3\n").And.Contain("#SBATCH --partition=gpu\n").And.Contain("#SBATCH --time=00:30:00\n").And.Contain("#SBATCH --cpus-per-task=2\n").And.Contain("'--jobs' '2'"));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "jobs", "slurm-merge.sbatch")), Does.Contain("'merge' '--submission' '" + outDir + "'\n"));
        Assert.That(File.Exists(Path.Combine(outDir, "jobs", "slurm-jobs.txt")), Is.False);
        Assert.That(r.Stdout, Does.Contain("dry run: nothing submitted"));
    }
}
