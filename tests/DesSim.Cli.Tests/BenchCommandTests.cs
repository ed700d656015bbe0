namespace DesSim.Cli.Tests;

public sealed class BenchCommandTests
{
    [Test]
    public void AzureConvHourNeedsAnExistingTrace()
    {
        var (code, _, err) = CliTests.Run("bench", "azure-conv-hour", "--trace", "no/such/AzureLLMInferenceTrace_conv.csv");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("does not exist"));
    }

    [Test]
    public void AzureConvHourReplaysTheGivenTraceAndPrintsRates()
    {
        var (code, output, err) = CliTests.Run("bench", "azure-conv-hour", "--quick", "--trace", FindSample());
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        Assert.That(output, Does.Contain("req/s").And.Contain("M events/s").And.Contain("wall best"));
    }

    [Test]
    public void NewBenchmarksAreListed()
    {
        var (_, _, err) = CliTests.Run("bench", "nope");
        Assert.That(err, Does.Contain("azure-conv-hour").And.Contain("synthetic-1m").And.Contain("scaling").And.Contain("sweep-8gpu"));
    }

    private static string FindSample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "traces", "azure-conv-10min.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("traces/azure-conv-10min.csv not found above the test directory");
    }
}
