namespace DesSim.Cli.Tests;

public sealed class PhysicsCommandsTests
{
    [Test]
    public void GpusListsTheCatalog()
    {
        var (code, output, _) = CliTests.Run("gpus");
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output, Does.Contain("H100-SXM5-80GB").And.Contain("MI300X").And.Contain("L4 "));
    }

    [Test]
    public void ModelsListsTheCatalog()
    {
        var (code, output, _) = CliTests.Run("models");
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output, Does.Contain("Llama-3.1-405B").And.Contain("405.85").And.Contain("Mixtral-8x7B"));
    }

    [Test]
    public void MemoryPrintsTheBreakdown()
    {
        var (code, output, err) = CliTests.Run("memory", "--model", "llama-3.1-70b", "--gpu", "h100", "--tp", "4");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        Assert.That(output, Does.Contain("weights").And.Contain("35.28 GB").And.Contain("KV bytes per token per GPU: 81,920").And.Contain("KV capacity per replica"));
    }

    [Test]
    public void MemoryWithExpertParallelismHoldsAShareOfTheExperts()
    {
        var (code, output, err) = CliTests.Run("memory", "--model", "mixtral-8x7b", "--gpu", "h100", "--tp", "1", "--dp", "8", "--ep", "8");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        Assert.That(output, Does.Contain("TP1xPP1xDP8xEP8").And.Contain("experts per group 1"));
        var (bad, _, badErr) = CliTests.Run("memory", "--model", "mixtral-8x7b", "--gpu", "h100", "--tp", "2", "--dp", "4", "--ep", "3");
        Assert.That(bad, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(badErr, Does.Contain("not divisible by ep=3"));
    }

    [Test]
    public void MemoryOf405BOnFourH100sIsBadInputWithTheArithmetic()
    {
        var (code, _, err) = CliTests.Run("memory", "--model", "llama-3.1-405b", "--gpu", "h100", "--tp", "4", "--pp", "1");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("Llama-3.1-405B bf16 weights need 812 GB; tp=4, pp=1 on H100-SXM5-80GB gives 320 GB of GPU memory (use ≥ 16 GPUs, or fp8 weights on ≥ 8 GPUs)"));
        Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void MemoryWithUnknownGpuSuggests()
    {
        var (code, _, err) = CliTests.Run("memory", "--model", "llama-3.1-8b", "--gpu", "h1OO");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("--gpu").And.Contain("unknown GPU"));
    }

    [Test]
    public void CostBenchmarkIsRegistered()
    {
        var (code, output, err) = BenchmarkProgramTests.Bench("cost", "--quick");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        Assert.That(output, Does.Contain("roofline vs measured GEMM: median |error|"));
    }
}
