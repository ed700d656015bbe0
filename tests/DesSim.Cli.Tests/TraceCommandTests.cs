namespace DesSim.Cli.Tests;

public sealed class TraceCommandTests
{
    private static string RepoRoot() => CliHost.RepoRoot();

    private static readonly string TempRoot = Path.Combine(Path.GetTempPath(), "dessim-cli-trace-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [OneTimeTearDown]
    public void DeleteTempFiles()
    {
        if (Directory.Exists(TempRoot))
        {
            Directory.Delete(TempRoot, recursive: true);
        }
    }

    private static string Temp(string text)
    {
        var dir = Path.Combine(TempRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "t.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void StatsOfTheShippedSamplePrintsEveryFigure()
    {
        var (code, output, _) = CliTests.Run("trace", "stats", Path.Combine(RepoRoot(), "traces", "azure-conv-10min.csv"));
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output, Does.Contain("requests:            2867"));
        Assert.That(output, Does.Contain("span:").And.Contain("mean rate:").And.Contain("inter-arrival CV:"));
        Assert.That(output, Does.Contain("input tokens").And.Contain("output tokens").And.Contain("p99"));
    }

    [Test]
    public void MalformedRowExitsTwoWithFileLineAndColumn()
    {
        var path = Temp("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805150,abc,44\n");
        var (code, output, err) = CliTests.Run("trace", "stats", path);
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.StartWith($"error: {path}:2: column 'ContextTokens': 'abc' is not a non-negative integer"));
        Assert.That(output, Does.Not.Contain("requests:"));
    }

    [Test]
    public void SkipInvalidReportsTheSkippedRows()
    {
        var path = Temp("arrival_s,input_tokens,output_tokens\n0,1,1\n1,x,1\n2,3,1\n");
        var (code, output, err) = CliTests.Run("trace", "stats", path, "--skip-invalid", "--format", "generic");
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output, Does.Contain("requests:            2"));
        Assert.That(err, Does.Contain("skipped 1 invalid row(s): column 'input_tokens'"));
    }

    [Test]
    public void UnknownFormatFlagIsBadInput()
    {
        var (code, _, err) = CliTests.Run("trace", "stats", "x.csv", "--format", "parquet");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("unknown format 'parquet'"));
    }
}
