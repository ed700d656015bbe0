namespace DesSim.Reporting.Tests.Results;

/// <summary>Same scenario and seed ⇒ the same bytes in every output file.</summary>
public sealed class RunDeterminismTests
{
    private static readonly string[] Files =
        ["summary.json", "requests.csv", "gpus.csv", "links.csv", "timeseries.csv", "itl_quantiles.csv", "scenario.yaml", "trace.json", "report.html"];

    [Test]
    public void Two_runs_of_the_same_scenario_write_byte_identical_files()
    {
        const int requests = 200;
        var first = TinyRun.WriteToTemp(TinyRun.Run(requests));
        var second = TinyRun.WriteToTemp(TinyRun.Run(requests));
        try
        {
            Assert.Multiple(() =>
            {
                foreach (var file in Files)
                {
                    var a = File.ReadAllBytes(Path.Combine(first, file));
                    Assert.That(a, Is.Not.Empty, file);
                    Assert.That(File.ReadAllBytes(Path.Combine(second, file)), Is.EqualTo(a), file);
                }
            });
        }
        finally
        {
            TinyRun.Delete(first);
            TinyRun.Delete(second);
        }
    }

    [Test]
    public void Reports_built_at_the_same_time_are_byte_identical_to_one_built_alone()
    {
        // Why: RunReport draws its charts in parallel; several reports at once (sweep points with reports) must not
        // disturb each other's charts through ScottPlot's or Skia's process-wide state.
        var dir = TinyRun.WriteToTemp(TinyRun.Shared);
        Reporting.Results.ReportData data;
        try
        {
            data = Reporting.Results.ResultDirectoryReader.Read(dir);
        }
        finally
        {
            TinyRun.Delete(dir);
        }

        var alone = Reporting.Results.RunReport.Build(data);
        var together = new string[6];
        Parallel.For(0, together.Length, i => together[i] = Reporting.Results.RunReport.Build(data));
        Assert.That(together, Is.All.EqualTo(alone));
    }
}
