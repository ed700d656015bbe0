using DesSim.Core;
using DesSim.Core.Studies;
using DesSim.Cli.Commands;
using DesSim.Reporting.Sweeps;

namespace DesSim.Cli.Tests.Sweeps;

public sealed class SweepRunnerTests
{
    private string _dir = null!;
    private SweepPlan _plan = null!;

    [OneTimeSetUp]
    public void Expand()
    {
        _dir = SweepFixture.NewDir();
        var scenario = SweepFixture.Write(_dir, "tiny.yaml", SweepFixture.Scenario);
        var grid = SweepFixture.Write(_dir, "grid.yaml", SweepFixture.Grid);
        _plan = SweepExpander.Expand(scenario, [], SweepGridReader.Load(grid), grid);
    }

    [OneTimeTearDown]
    public void Cleanup() => SweepFixture.Cleanup();

    private string Full(int workers)
    {
        var dir = SweepFixture.NewDir();
        SweepExecution.Run(_plan, dir, ShardSpec.All, workers);
        return dir;
    }

    [Test]
    public void GridExpandsLayoutsTimesRatesInOrder()
    {
        // 4 GPUs: TP4, TP2xPP2, TP2xDP2, TP1xPP4, TP1xPP2xDP2, TP1xDP4 all fit an 8B model; 3 rates each.
        Assert.That(_plan.Points.Select(p => p.Layout.ToString()).Distinct(), Is.EqualTo(new[] { "TP4xPP1", "TP2xPP2", "TP2xPP1xDP2", "TP1xPP4", "TP1xPP2xDP2", "TP1xPP1xDP4" }));
        Assert.That(_plan.Points, Has.Count.EqualTo(18));
        Assert.That(_plan.Points[1].AxisLabels, Is.EqualTo(new[] { "40" }));
        Assert.That(_plan.Points.Select(p => p.Index), Is.EqualTo(Enumerable.Range(0, 18)));
    }

    [Test]
    public void ResultsDoNotDependOnWorkerCount()
    {
        var one = File.ReadAllBytes(Path.Combine(Full(1), "sweep.csv"));
        var two = File.ReadAllBytes(Path.Combine(Full(2), "sweep.csv"));
        Assert.That(two, Is.EqualTo(one));
        Assert.That(System.Text.Encoding.UTF8.GetString(one).Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(19));
    }

    [Test]
    public void InterruptedRunResumesToTheSameBytesAndSkipsCompletedPoints()
    {
        var reference = File.ReadAllBytes(Path.Combine(Full(2), "sweep.csv"));
        var dir = SweepFixture.NewDir();
        using var cts = new CancellationTokenSource();
        Assert.That(
            () => SweepExecution.Run(_plan, dir, ShardSpec.All, 2, (_, done, _) => { if (done >= 5) cts.Cancel(); }, cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
        var completed = Directory.GetDirectories(Path.Combine(dir, "points")).Count(d => File.Exists(Path.Combine(d, "row.csv")));
        Assert.That(completed, Is.InRange(5, 17));

        // What a kill -9 can leave: a torn row at the end of sweep.csv and a half-written temp file in a point directory.
        File.AppendAllText(Path.Combine(dir, "sweep.csv"), "17,TP1xPP1xDP4,1,1,4,4,160,1,tr");
        var pending = SweepDirectory.PointDirectory(dir, 17);
        Directory.CreateDirectory(pending);
        File.WriteAllText(Path.Combine(pending, ".row.csv.tmp-deadbeef"), "17,TP1");

        var (ran, skipped) = SweepExecution.Run(_plan, dir, ShardSpec.All, 2);
        Assert.That(skipped, Is.EqualTo(completed));
        Assert.That(ran, Is.EqualTo(18 - completed));
        Assert.That(File.ReadAllBytes(Path.Combine(dir, "sweep.csv")), Is.EqualTo(reference));
    }

    [Test]
    public void MergedShardsAreByteIdenticalToASingleRun()
    {
        var reference = File.ReadAllBytes(Path.Combine(Full(2), "sweep.csv"));
        var shards = Enumerable.Range(1, 3).Select(k =>
        {
            var d = SweepFixture.NewDir();
            SweepExecution.Run(_plan, d, new ShardSpec(k, 3), 1);
            return d;
        }).ToArray();
        Assert.That(File.ReadAllLines(Path.Combine(shards[0], "sweep.csv")), Has.Length.EqualTo(1 + 6));
        var merged = Path.Combine(SweepFixture.NewDir(), "merged");
        Assert.That(SweepMerger.Merge([shards[2], shards[0], shards[1]], merged), Is.EqualTo(18));
        Assert.That(File.ReadAllBytes(Path.Combine(merged, "sweep.csv")), Is.EqualTo(reference));
        Assert.That(File.Exists(Path.Combine(SweepDirectory.PointDirectory(merged, 17), "summary.json")));
        Assert.That(Directory.GetFiles(SweepDirectory.PointDirectory(merged, 17)).Select(Path.GetFileName), Has.None.StartsWith("."));

        var missing = Path.Combine(SweepFixture.NewDir(), "partial");
        Assert.That(() => SweepMerger.Merge([shards[0], shards[1]], missing), Throws.InstanceOf<InputException>().With.Message.Contains("belong to no given shard"));
        Assert.That(Directory.Exists(missing), Is.False, "a failed merge writes nothing");
        Assert.That(() => SweepMerger.Merge([shards[0], shards[0], shards[1]], missing), Throws.InstanceOf<InputException>().With.Message.Contains("repeats"));
    }

    [Test]
    public void ADirectoryOfAnotherShardOrSweepIsRefused()
    {
        var dir = SweepFixture.NewDir();
        SweepExecution.Run(_plan, dir, new ShardSpec(2, 3), 2);
        Assert.That(() => SweepExecution.Run(_plan, dir, new ShardSpec(1, 3), 1), Throws.InstanceOf<InputException>().With.Message.Contains("holds shard 2/3"));
        var other = _plan with { Fingerprint = "0000000000000000" };
        Assert.That(() => SweepExecution.Run(other, dir, new ShardSpec(2, 3), 1), Throws.InstanceOf<InputException>().With.Message.Contains("holds another sweep"));
    }

    [Test]
    public void ReplicationsAddConfidenceHalfWidths()
    {
        var plan = _plan with { Grid = _plan.Grid with { Replications = 3 }, Points = _plan.Points.Take(1).ToArray() };
        var dir = SweepFixture.NewDir();
        SweepExecution.Run(plan, dir, new ShardSpec(1, 18), 1);
        var table = SweepCsv.Read(Path.Combine(dir, "sweep.csv"));
        var row = table.Rows.Single();
        Assert.That(table.Number(row, "replications"), Is.EqualTo(3));
        Assert.That(table.Number(row, "ttft_p99_ms_ci95"), Is.GreaterThan(0), "three seeds give different p99s");
        Assert.That(File.Exists(Path.Combine(SweepDirectory.PointDirectory(dir, 0), "summary-r2.json")));
    }
}
