namespace DesSim.Reporting.Tests.Charts;

/// <summary>Writes every sample chart to the test work directory, to look at (rsvg-convert, a browser).</summary>
public sealed class WriteSamplesTests
{
    [Test]
    public void Sample_charts_are_written_for_visual_review()
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "chart-samples");
        Directory.CreateDirectory(directory);
        foreach (var (name, plot) in SampleCharts.All())
        {
            File.WriteAllText(Path.Combine(directory, name + ".svg"), plot.RenderSvg());
        }

        Assert.That(Directory.GetFiles(directory, "*.svg"), Has.Length.GreaterThanOrEqualTo(6));
        TestContext.Out.WriteLine($"samples in {directory}");
    }
}
