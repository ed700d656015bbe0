namespace DesSim.Cli.Tests;

/// <summary>The benchmarks' own program (bench/DesSim.Benchmarks): bad input exits 2 with one line; a run prints rates.
/// The CLI itself has no bench command.</summary>
public sealed class BenchmarkProgramTests
{
    internal static (int Code, string Out, string Err) Bench(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = Benchmarks.Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void TheCliHasNoBenchCommand()
    {
        var (code, _, err) = CliTests.Run("bench", "engine");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("bench"));
    }

    [Test]
    public void AnUnknownBenchmarkIsBadInput()
    {
        var (code, _, err) = Bench("nope");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("unknown benchmark 'nope'"));
    }

    [Test]
    public void ABadFlagIsOneLineAndExitTwo()
    {
        var (code, _, err) = Bench("engine", "--no-such-flag");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void AzureConvHourNeedsAnExistingTrace()
    {
        var (code, _, err) = Bench("azure-conv-hour", "--trace", "no/such/AzureLLMInferenceTrace_conv.csv");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("does not exist"));
    }

    [Test]
    public void AzureConvHourReplaysTheGivenTraceAndPrintsRates()
    {
        var (code, output, err) = Bench("azure-conv-hour", "--quick", "--trace", FindSample());
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        Assert.That(output, Does.Contain("req/s").And.Contain("M events/s").And.Contain("wall best"));
    }

    [Test]
    public void NewBenchmarksAreListed()
    {
        var (_, _, err) = Bench("nope");
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
