namespace DesSim.Cli.Tests;

public sealed class CalibrationCommandsTests
{
    [Test]
    public void ValidateSplitwisePrintsHeldOutErrorsSeparatelyAndWritesTheScatter()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"validate-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var svg = Path.Combine(dir, "v.svg");
            var runs = Path.Combine(dir, "runs.csv");
            var (code, output, err) = CliTests.Run("validate", "splitwise", "--svg", svg, "--write-runs", runs);
            Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
            Assert.That(output, Does.Contain("TPOT       held-out").And.Contain("TTFT       fit").And.Contain("splitwise-a100-tp4-in512-b1-out128"));
            Assert.That(File.ReadAllText(svg), Does.Contain("<svg").And.Contain("y = x"));
            Assert.That(File.ReadAllLines(runs), Has.Length.EqualTo(58));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void CalibrateRunsFitsAndWritesAnEngineMapping()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"calruns-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var csv = Path.Combine(dir, "runs.csv");
            File.WriteAllText(csv, """
                model,gpu,tp,batch,input_tokens,output_tokens,ttft_ms,tpot_ms,split
                llama2-70b,a100,2,1,512,16,196.9,54.86,fit
                llama2-70b,a100,8,1,512,16,138.8,46.85,fit
                llama2-70b,a100,8,4,512,16,409.7,48.44,fit
                llama2-70b,a100,4,1,512,16,127.0,44.99,holdout
                """);
            var outPath = Path.Combine(dir, "engine.yaml");
            var (code, output, err) = CliTests.Run("calibrate", "--runs", csv, "--engine", "mine", "--out", outPath);
            Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
            Assert.That(output, Does.Contain("fitted 'mine' on 3 of 4 runs").And.Contain("hold-out  TPOT"));
            Assert.That(File.ReadAllText(outPath), Does.Contain("engine:").And.Contain("collective_step_overhead_us:"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void CalibrateNeedsExactlyOneSourceAndAGpuForTables()
    {
        var (code, _, err) = CliTests.Run("calibrate", "--out", "x.yaml");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("exactly one of --from and --runs"));
        (code, _, err) = CliTests.Run("calibrate", "--from", ".", "--out", "x.yaml");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("--gpu"));
        Assert.That(File.Exists("x.yaml"), Is.False);
    }

    [Test]
    public void UnknownSuiteIsBadInput()
    {
        var (code, _, err) = CliTests.Run("validate", "nope");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("unknown suite 'nope'"));
    }
}
