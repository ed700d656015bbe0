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
}
