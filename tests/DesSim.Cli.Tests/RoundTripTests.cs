using DesSim.Core.Scenarios;

namespace DesSim.Cli.Tests;

/// <summary>Everything dessim writes that a scenario can reference is read back by dessim: engine override files
/// (with hostile names), calibration files and a result directory's <c>scenario.yaml</c>.</summary>
public sealed class RoundTripTests
{
    private const string Runs = "model,gpu,tp,batch,input_tokens,output_tokens,ttft_ms,tpot_ms,split\nllama2-70b,a100,2,1,512,16,196.9,54.86,fit\nllama2-70b,a100,8,1,512,16,138.8,46.85,fit\nllama2-70b,a100,8,4,512,16,409.7,48.44,fit\nllama2-70b,a100,4,1,512,16,127.0,44.99,holdout\n";
    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("dessim-roundtrip-");

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    [TestCase("mine")]
    [TestCase("a: b")]
    [TestCase("q\"uote'd")]
    [TestCase("#not a comment")]
    [TestCase("- dash")]
    [TestCase("back\\slash")]
    [TestCase("tab\tname")]
    [TestCase("ünïcødé & *alias")]
    public void A_fitted_engine_file_reads_back_with_its_name(string name)
    {
        var runs = Path.Combine(_dir.FullName, "runs.csv");
        File.WriteAllText(runs, Runs);
        var engine = Path.Combine(_dir.FullName, "engine.yaml");
        var (code, _, err) = CliTests.Run("calibrate", "--runs", runs, "--engine", name, "--out", engine);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        var scenario = Path.Combine(_dir.FullName, "s.yaml");
        File.WriteAllText(scenario, BadInputCatalog.Scenario + File.ReadAllText(engine));
        Assert.That(ScenarioLoader.Load(scenario).Engine.Name, Is.EqualTo(name));
        (code, _, err) = CliTests.Run("run", scenario, "--out", Path.Combine(_dir.FullName, "out"), "--quiet");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
    }

    [Test]
    public void A_result_directory_scenario_reproduces_the_result_byte_for_byte()
    {
        var scenario = Path.Combine(_dir.FullName, "s.yaml");
        File.WriteAllText(scenario, BadInputCatalog.Scenario);
        var first = Path.Combine(_dir.FullName, "first");
        var second = Path.Combine(_dir.FullName, "second");
        Assert.That(CliTests.Run("run", scenario, "--out", first, "--quiet", "--set", "seed=7").Code, Is.EqualTo(0));
        var (code, _, err) = CliTests.Run("run", Path.Combine(first, "scenario.yaml"), "--out", second, "--quiet");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(File.ReadAllBytes(Path.Combine(second, "summary.json")), Is.EqualTo(File.ReadAllBytes(Path.Combine(first, "summary.json"))));
        Assert.That(CliTests.Run("report", second).Code, Is.EqualTo(0), "and report reads the result back");
    }
}
