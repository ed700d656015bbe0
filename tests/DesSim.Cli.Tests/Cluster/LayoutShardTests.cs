using DesSim.Cli.Tests.Sweeps;

namespace DesSim.Cli.Tests.Cluster;

/// <summary><c>plan</c> and <c>capacity</c> split into shards (the commands a <c>--submit</c> job array and its merge run,
/// run here one after another): the merge writes the same bytes as an in-process run, resumes, and refuses bad input.</summary>
public sealed class LayoutShardTests
{
    /// <summary>A 4×H100 plan of Llama-3.1-8B with 100 requests per simulation: 6 layouts, about 10 s in all.</summary>
    internal static readonly string[] Plan = ["plan", "--model", "llama-3.1-8b", "--gpu", "h100", "--gpus", "4", "--gpus-per-node", "4", "--requests", "100"];

    private static (int Code, string Stdout, string Stderr) Dessim(params string[] args) => CliTests.Run(args);

    [Test]
    public void PlanShardsMergeIntoTheInProcessPlanBytes()
    {
        var dir = SweepFixture.NewDir();
        var single = Path.Combine(dir, "single");
        var outDir = Path.Combine(dir, "sharded");
        var r = Dessim([.. Plan, "--jobs", "2", "--report", "--out", single]);
        Assert.That(r.Code, Is.Zero, r.Stderr);
        for (int k = 1; k <= 4; k++)
        {
            r = Dessim([.. Plan, "--jobs", "1", "--shard", $"{k}/4", "--out", Path.Combine(outDir, "shards", k.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            Assert.That(r.Code, Is.Zero, r.Stderr);
        }

        // A rerun of a complete shard resumes: it evaluates nothing.
        r = Dessim([.. Plan, "--jobs", "1", "--shard", "2/4", "--out", Path.Combine(outDir, "shards", "2")]);
        Assert.That(r.Stdout, Does.Contain("ran 0 point(s), 2 already complete"));
        r = Dessim([.. Plan, "--report", "--out", outDir, "--merge-shards"]);
        Assert.That(r.Code, Is.Zero, r.Stderr);
        foreach (var f in new[] { "plan.csv", "scenario.yaml", "plan.html" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(outDir, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(single, f))), f);
        }

        var status = Dessim("sweep", "--status", outDir);
        Assert.That(status.Stdout, Does.StartWith("plan ").And.Contain("shards: 4/4 complete, 6/6 points; merged"));
    }

    [Test]
    public void CapacityShardsMergeIntoTheInProcessCapacityBytes()
    {
        var dir = SweepFixture.NewDir();
        var s = SweepFixture.Write(dir, "s.yaml", SweepFixture.Scenario);
        var single = Path.Combine(dir, "single");
        var outDir = Path.Combine(dir, "sharded");
        var r = Dessim("capacity", s, "--jobs", "2", "--report", "--out", single);
        Assert.That(r.Code, Is.Zero, r.Stderr);
        for (int k = 1; k <= 2; k++)
        {
            r = Dessim("capacity", s, "--jobs", "1", "--shard", $"{k}/2", "--out", Path.Combine(outDir, "shards", k.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(r.Code, Is.Zero, r.Stderr);
        }

        r = Dessim("capacity", s, "--report", "--out", outDir, "--merge-shards");
        Assert.That(r.Code, Is.Zero, r.Stderr);
        foreach (var f in new[] { "capacity.csv", "capacity.html" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(outDir, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(single, f))), f);
        }
    }

    [Test]
    public void MergeRefusesIncompleteShardsAndOtherFlags()
    {
        var dir = SweepFixture.NewDir();
        var s = SweepFixture.Write(dir, "s.yaml", SweepFixture.Scenario);
        var outDir = Path.Combine(dir, "out");
        Assert.That(Dessim("capacity", s, "--jobs", "1", "--shard", "1/3", "--out", Path.Combine(outDir, "shards", "1")).Code, Is.Zero);
        var r = Dessim("capacity", s, "--out", outDir, "--merge-shards");
        Assert.That(r.Code, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(r.Stderr, Does.Contain("points belong to no given shard"));
        Assert.That(File.Exists(Path.Combine(outDir, "capacity.csv")), Is.False);

        r = Dessim("capacity", s, "--set", "workload.requests=61", "--out", outDir, "--merge-shards");
        Assert.That(r.Code, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("holds the shards of another capacity"));

        // A shard directory of the capacity study is not a sweep shard, and 'dessim merge' says what merges it.
        r = Dessim("merge", "--submission", outDir);
        Assert.That(r.Code, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("holds a shard of a capacity, not of a sweep").And.Contain("--merge-shards"));
    }

    [TestCase("--shards", "0", "must be ≥ 1")]
    [TestCase("--shards", "7", "more shards than the plan's 6 layout(s)")]
    public void PlanSubmitBadShardsExit2(string flag, string value, string expect)
    {
        var outDir = Path.Combine(SweepFixture.NewDir(), "out");
        var r = Dessim([.. Plan, "--out", outDir, "--submit", "slurm", flag, value, "--dry-run"]);
        Assert.That(r.Code, Is.EqualTo(2), r.Stdout + r.Stderr);
        Assert.That(r.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1), r.Stderr);
        Assert.That(r.Stderr, Does.Contain(flag).And.Contain(expect));
        Assert.That(Directory.Exists(outDir), Is.False);
    }

    [Test]
    public void SubmitIntoADirectoryHoldingAnotherSweepOrOtherFilesExit2()
    {
        var dir = SweepFixture.NewDir();
        var s = SweepFixture.Write(dir, "s.yaml", SweepFixture.Scenario);
        var sweepOut = Path.Combine(dir, "sweep");
        Assert.That(Dessim("sweep", s, "--out", sweepOut, "--jobs", "1").Code, Is.Zero);
        var r = Dessim("capacity", s, "--out", sweepOut, "--submit", "slurm", "--shards", "2", "--dry-run");
        Assert.That(r.Code, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("holds other files").And.Contain("not a capacity submission"));

        // The shards of a sweep under shards/ are another study.
        var other = Path.Combine(dir, "other");
        Assert.That(Dessim("sweep", s, "--out", Path.Combine(other, "shards", "1"), "--jobs", "1").Code, Is.Zero);
        r = Dessim([.. Plan, "--out", other, "--submit", "slurm", "--shards", "2", "--dry-run"]);
        Assert.That(r.Code, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("holds a shard of another sweep"));
        Assert.That(Directory.Exists(Path.Combine(other, "jobs")), Is.False);
    }

    [Test]
    public void CapacitySubmitWithoutSbatchOnPathExit2()
    {
        var dir = SweepFixture.NewDir();
        var s = SweepFixture.Write(dir, "s.yaml", SweepFixture.Scenario);
        var outDir = Path.Combine(dir, "out");
        var dessim = CliHost.NativeBinary ?? Path.Combine(TestContext.CurrentContext.TestDirectory, "dessim");
        var dotnetDir = Path.GetDirectoryName(Environment.ProcessPath ?? "/usr/bin/dotnet")!;
        var (code, output) = LocalSlurm.Run(dessim, ["capacity", s, "--out", outDir, "--submit", "slurm", "--shards", "2"], new Dictionary<string, string> { ["PATH"] = Path.Combine(dir, "empty-path"), ["DOTNET_ROOT"] = dotnetDir });
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output.Trim().Split('\n'), Has.Length.EqualTo(1), output);
        Assert.That(output, Does.Contain("--submit slurm").And.Contain("sbatch is not on PATH"));
        Assert.That(Directory.Exists(outDir), Is.False);
    }

    [Test]
    public void DryRunWritesAShardAndAMergeScriptThatRunTheStudy()
    {
        var outDir = Path.Combine(SweepFixture.NewDir(), "out");
        var r = Dessim([.. Plan, "--objective", "energy", "--power-budget-w", "2000", "--out", outDir, "--submit", "slurm", "--shards", "3", "--cpus-per-task", "2", "--dry-run", "--launcher", "dessim"]);
        Assert.That(r.Code, Is.Zero, r.Stderr);
        var shards = File.ReadAllText(Path.Combine(outDir, "jobs", "slurm-shards.sbatch"));
        var merge = File.ReadAllText(Path.Combine(outDir, "jobs", "slurm-merge.sbatch"));
        Assert.That(shards, Does.Contain("#SBATCH --array=1-3\n").And.Contain("'plan' '--model' 'llama-3.1-8b'").And.Contain("'--objective' 'energy'").And.Contain("'--power-budget-w' '2000'").And.Contain("'--jobs' '2' --shard \"${shard}\"/3 --out '" + outDir + "/shards/'\"${shard}\""));
        Assert.That(merge, Does.Contain("'--out' '" + outDir + "' '--merge-shards'\n").And.Not.Contain("--jobs"));
    }

    [Test]
    public void ShardAndMergeFlagsDoNotCombine()
    {
        var outDir = Path.Combine(SweepFixture.NewDir(), "out");
        var r = Dessim([.. Plan, "--out", outDir, "--shard", "1/2", "--merge-shards"]);
        Assert.That(r.Code, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--shard"));
        r = Dessim([.. Plan, "--out", outDir, "--shard", "1/2", "--report"]);
        Assert.That(r.Code, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--report"));
        r = Dessim([.. Plan, "--out", outDir, "--shard", "3/2"]);
        Assert.That(r.Code, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--shard").And.Contain("K/N"));
        Assert.That(Directory.Exists(outDir), Is.False);
    }
}
