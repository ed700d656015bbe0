using System.Text.RegularExpressions;
using DesSim.Cli.Tests.Sweeps;

namespace DesSim.Cli.Tests.Cluster;

/// <summary>Sweeps and plans submitted to a real one-node Slurm cluster (deploy/slurm/local-cluster.sh): the merged results
/// are byte-identical to a single-process run, also after an array task is requeued mid-run.</summary>
[Category("Slurm")]
[NonParallelizable]
public sealed partial class SlurmSweepTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(120);

    /// <summary>A 4-GPU grid of 6 layouts × 2 rates = 12 points, 3 per shard, each point long enough (2,500 requests) for a
    /// requeue to land between its shard's points.</summary>
    private const string Grid = """
        layouts: all
        axes:
          workload.arrival.rate: [20, 80]

        """;

    private const string Requests = "workload.requests=2500";

    private LocalSlurm? _cluster;
    private string _dir = string.Empty;
    private string _scenario = string.Empty;
    private string _grid = string.Empty;
    private byte[] _reference = [];

    [OneTimeSetUp]
    public void StartCluster()
    {
        if (CliHost.NativeBinary is not null)
        {
            // Why: .ci/run's native pass repeats the CLI tests; the cluster round trips (about a minute) ran in the JIT pass.
            Assert.Ignore("the Slurm tests run in the JIT pass of .ci/run, not again against the native binary");
        }

        var (cluster, reason) = LocalSlurm.Acquire();
        if (cluster is null)
        {
            Assert.Ignore(reason);
        }

        _cluster = cluster;
        _dir = SweepFixture.NewDir();
        _scenario = SweepFixture.Write(_dir, "s.yaml", SweepFixture.Scenario);
        _grid = SweepFixture.Write(_dir, "g.yaml", Grid);
        var (code, _, err) = Dessim("sweep", _scenario, "--grid", _grid, "--set", Requests, "--jobs", "2", "--out", Path.Combine(_dir, "single"));
        Assert.That(code, Is.Zero, err);
        _reference = File.ReadAllBytes(Path.Combine(_dir, "single", "sweep.csv"));
    }

    [OneTimeTearDown]
    public void StopCluster() => _cluster?.Release();

    [Test]
    public void FourShardSweepMergesByteIdenticalToASingleRun()
    {
        var outDir = Path.Combine(_dir, "slurm");
        var (array, merge) = Submit(outDir);
        TestContext.Out.WriteLine($"array job {array}, merge job {merge}");
        LocalSlurm.WaitFor(merge, JobTimeout, "COMPLETED");
        for (int k = 1; k <= 4; k++)
        {
            Assert.That(LocalSlurm.JobState($"{array}_{k}"), Is.EqualTo("COMPLETED"), $"task {k}");
        }

        Assert.That(File.ReadAllBytes(Path.Combine(outDir, "sweep.csv")), Is.EqualTo(_reference), "merged sweep.csv vs single-process sweep.csv");
        Assert.That(File.ReadAllText(Path.Combine(outDir, "sweep.json")), Is.EqualTo(File.ReadAllText(Path.Combine(_dir, "single", "sweep.json"))));
        Assert.That(Directory.GetDirectories(Path.Combine(outDir, "points")), Has.Length.EqualTo(12));
        var (code, status, _) = Dessim("sweep", "--status", outDir);
        Assert.That(code, Is.Zero);
        Assert.That(status, Does.Contain("shards: 4/4 complete, 12/12 points; merged").And.Contain($"array={array}"));
        TestContext.Out.WriteLine($"byte-identical: {outDir}/sweep.csv == single-process sweep.csv ({_reference.Length} bytes)");
    }

    [Test]
    public void ATaskRequeuedMidRunResumesAndTheMergeIsStillIdentical()
    {
        var outDir = Path.Combine(_dir, "requeue");
        var (array, merge) = Submit(outDir);
        var task = $"{array}_1";
        var shardPoints = Path.Combine(outDir, "shards", "1", "points");

        // Mid-run: the task is running and has finished some but not all of its 3 points.
        int done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((done = CompletedPoints(shardPoints)) == 0)
        {
            Assert.That(clock.Elapsed, Is.LessThan(JobTimeout), "task 1 never completed a point");
            Thread.Sleep(10);
        }

        Assert.That(LocalSlurm.JobState(task), Is.EqualTo("RUNNING"));
        Assert.That(done, Is.LessThan(3), "the requeue must land mid-run");
        LocalSlurm.Client("scontrol", "requeue", task);
        TestContext.Out.WriteLine($"array job {array}, merge job {merge}: requeued {task} with {done} of its 3 points complete");

        // Why StartTime=now: Slurm holds a requeued job until now + a fixed requeue delay (job_mgr.c, _job_requeue_op:
        // begin_time = now + cluster requeue delay, 121 s seen on 22.05); the test releases it at once.
        LocalSlurm.WaitFor(task, JobTimeout, "PENDING");
        LocalSlurm.Client("scontrol", "update", $"JobId={task}", "StartTime=now");
        LocalSlurm.WaitFor(merge, JobTimeout, "COMPLETED");

        Assert.That(File.ReadAllBytes(Path.Combine(outDir, "sweep.csv")), Is.EqualTo(_reference), "merged sweep.csv after the requeue vs single-process sweep.csv");
        var log = File.ReadAllText(Path.Combine(outDir, "jobs", "shard-1.log"));
        Assert.That(log, Does.Contain("restart 1"), log);
        var resumed = ResumeLine().Match(log);
        Assert.That(resumed.Success, Is.True, log);
        Assert.That(int.Parse(resumed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(done), log);
        TestContext.Out.WriteLine($"requeue: {resumed.Value}; sweep.csv still byte-identical");
    }

    [Test]
    public void APlanSubmittedToSlurmRanksAsTheInProcessPlan()
    {
        var single = Path.Combine(_dir, "plan-single");
        var outDir = Path.Combine(_dir, "plan-slurm");
        var (code, _, err) = Dessim([.. LayoutShardTests.Plan, "--jobs", "2", "--out", single]);
        Assert.That(code, Is.Zero, err);
        (code, var stdout, err) = Dessim([.. LayoutShardTests.Plan, "--out", outDir, "--submit", "slurm", "--shards", "3", "--time", "00:10:00"]);
        Assert.That(code, Is.Zero, err);
        var m = SubmittedLine().Match(stdout);
        Assert.That(m.Success, Is.True, stdout);
        var (array, merge) = (m.Groups[1].Value, m.Groups[2].Value);
        TestContext.Out.WriteLine($"plan: array job {array}, merge job {merge}");
        LocalSlurm.WaitFor(merge, JobTimeout, "COMPLETED");
        var expected = File.ReadAllLines(Path.Combine(single, "plan.csv"));
        var got = File.ReadAllLines(Path.Combine(outDir, "plan.csv"));
        Assert.That(got.Skip(1).Select(l => l.Split(',')[1]), Is.EqualTo(expected.Skip(1).Select(l => l.Split(',')[1])), "ranking (layout column) vs the in-process plan");
        Assert.That(File.ReadAllBytes(Path.Combine(outDir, "plan.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(single, "plan.csv"))), "plan.csv vs the in-process plan.csv");
        Assert.That(File.ReadAllBytes(Path.Combine(outDir, "scenario.yaml")), Is.EqualTo(File.ReadAllBytes(Path.Combine(single, "scenario.yaml"))));
        TestContext.Out.WriteLine($"plan ranking {string.Join(" > ", got.Skip(1).Select(l => l.Split(',')[1]))}; plan.csv byte-identical to the in-process plan");
    }

    [Test]
    public void APartitionThatDoesNotExistFailsWithSlurmsOwnErrorAndTheCommand()
    {
        var outDir = Path.Combine(_dir, "no-partition");
        var (code, _, err) = Dessim("sweep", _scenario, "--grid", _grid, "--out", outDir, "--submit", "slurm", "--shards", "2", "--partition", "no-such-partition");
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1), err);
        Assert.That(err, Does.Contain("sbatch --parsable --array=1-2").And.Contain("invalid partition specified: no-such-partition"));
        Assert.That(Directory.Exists(outDir), Is.False, "the scripts are removed again");
    }

    private (string Array, string Merge) Submit(string outDir)
    {
        var (code, stdout, err) = Dessim("sweep", _scenario, "--grid", _grid, "--set", Requests, "--out", outDir, "--submit", "slurm", "--shards", "4", "--requeue", "--time", "00:10:00");
        Assert.That(code, Is.Zero, err);
        var m = SubmittedLine().Match(stdout);
        Assert.That(m.Success, Is.True, stdout);
        return (m.Groups[1].Value, m.Groups[2].Value);
    }

    private static int CompletedPoints(string pointsDir) =>
        Directory.Exists(pointsDir) ? Directory.GetDirectories(pointsDir).Count(d => File.Exists(Path.Combine(d, "row.csv"))) : 0;

    internal static (int Code, string Stdout, string Stderr) Dessim(params string[] args) => CliTests.Run(args);

    [GeneratedRegex(@"submitted array job (\d+) \(\d+ task\(s\)\) and merge job (\d+)")]
    private static partial Regex SubmittedLine();

    [GeneratedRegex(@"ran \d+ point\(s\), (\d+) already complete")]
    private static partial Regex ResumeLine();
}
