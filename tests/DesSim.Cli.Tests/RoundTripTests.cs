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
    public void A_calibration_fitted_from_gemm_tables_only_is_accepted_by_run()
    {
        // A GEMM-only table (aiconfigurator's gemm_perf.csv columns), times from a roofline with a 30% overhead.
        var tables = Directory.CreateDirectory(Path.Combine(_dir.FullName, "tables")).FullName;
        var rows = new List<string> { "framework,version,device,op_name,kernel_source,gemm_dtype,m,n,k,latency" };
        foreach (int m in new[] { 1, 8, 64, 512, 4096 })
        {
            foreach (int n in new[] { 1024, 4096, 14336 })
            {
                foreach (int k in new[] { 1024, 4096 })
                {
                    double seconds = (Math.Max(2.0 * m * n * k / 700e12, 2.0 * ((double)m * k + (double)k * n + (double)m * n) / 3e12) * 1.3) + 5e-6;
                    rows.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"vllm,0.6,h100,gemm,torch,bfloat16,{m},{n},{k},{seconds * 1e3:F6}"));
                }
            }
        }

        File.WriteAllText(Path.Combine(tables, "gemm_perf.csv"), string.Join('\n', rows) + "\n");
        var calibration = Path.Combine(_dir.FullName, "calib.yaml");
        var (code, _, err) = CliTests.Run("calibrate", "--from", tables, "--gpu", "h100-sxm", "--out", calibration);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        Assert.That(File.ReadAllText(calibration), Does.Contain("collectives: []"), "no collective tables: an empty list, not a bare key");
        var scenario = Path.Combine(_dir.FullName, "s.yaml");
        File.WriteAllText(scenario, BadInputCatalog.Scenario.Replace("cost_model: roofline", "cost_model: measured\ncalibration: calib.yaml", StringComparison.Ordinal));
        (code, _, err) = CliTests.Run("run", scenario, "--out", Path.Combine(_dir.FullName, "out"), "--quiet");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        Assert.That(File.Exists(Path.Combine(_dir.FullName, "out", "summary.json")));
    }

    [Test]
    public void A_calibration_file_with_bare_empty_lists_still_reads()
    {
        // Files written before empty lists were written as "[]" hold a bare "collectives:" (null).
        var calibration = Path.Combine(_dir.FullName, "calib.yaml");
        File.WriteAllText(calibration, "gpu: H100-SXM5-80GB\nkernels:\n  - { op: gemm, coefficients: [0], log10_ideal_s: [-6, -2] }\ncollectives:\n");
        var p = Core.Cost.CalibrationYaml.Load(calibration);
        Assert.That(p.Collectives, Is.Empty);
        Assert.That(p.Curves.Single().Op, Is.EqualTo("gemm"));
        var again = Path.Combine(_dir.FullName, "again.yaml");
        File.WriteAllText(again, Core.Cost.CalibrationYaml.Write(p, ["round trip"]));
        Assert.That(Core.Cost.CalibrationYaml.Load(again).Curves.Single().Coefficients, Is.EqualTo(p.Curves.Single().Coefficients));
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
