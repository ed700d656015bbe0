using DesSim.Core.Cost;
using DesSim.Core.Fidelity.Calibration;
using DesSim.Core.Hardware;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Calibration;

public sealed class CalibrationKeyTests
{
    private const string Scenario = """
        name: calib-key
        model: llama2-70b
        precision: fp16
        cluster: { gpu: GPU, nodes: 1, gpus_per_node: 8 }
        parallelism: { tp: 4, pp: 1, dp: 1 }
        scheduler: { policy: static, max_num_seqs: 2, max_num_batched_tokens: 4096 }
        workload: { requests: 2, arrival: { process: burst }, input_tokens: 512, output_tokens: 8 }
        """;

    [Test]
    public void ACalibrationFileWithAnUnknownKeyNamesTheKeyPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"badcal-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, "gpu: a100\nkernels:\n  - { op: gemm, coefficients: [0.1], log10_ideal_s: [-6, -2], slope: 3 }\n");
            var e = Assert.Throws<InputException>(() => CalibrationYaml.Load(path));
            Assert.That(e!.Message, Does.Contain("kernels[0].slope"));
            File.WriteAllText(path, "gpu: a100\ncollectives:\n  - { op: all_reduce, gpus: 8, alpha_us: 20 }\n");
            e = Assert.Throws<InputException>(() => CalibrationYaml.Load(path));
            Assert.That(e!.Message, Does.Contain("bandwidth_gbyte_s"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ACalibrationReplacesGemmAndAllReducePricingAndAWrongGpuIsBadInput()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"calkey-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            // A deliberately slow calibration: every GEMM at 1% of the roofline, all-reduce at 1 ms + 1 GB/s.
            var slow = new CalibrationProfile(
                GpuCatalog.Get("a100").Name,
                [new EfficiencyCurve("gemm", [Math.Log(100)], -9, 0, new FitStats(0, 0, 0, 0))],
                [new AlphaBetaFit("all_reduce", 4, 1e-3, new DesSim.Core.Units.BytesPerSecond(1e9), new FitStats(0, 0, 0, 0))]);
            File.WriteAllText(Path.Combine(dir, "calib.yaml"), CalibrationYaml.Write(slow, []));
            File.WriteAllText(Path.Combine(dir, "plain.yaml"), Scenario.Replace("GPU", "a100"));
            File.WriteAllText(Path.Combine(dir, "calibrated.yaml"), Scenario.Replace("GPU", "a100") + "\ncalibration: calib.yaml\n");
            File.WriteAllText(Path.Combine(dir, "wrong.yaml"), Scenario.Replace("GPU", "h100") + "\ncalibration: calib.yaml\n");

            var plain = ScenarioRunner.Run(ScenarioLoader.Load(Path.Combine(dir, "plain.yaml")));
            var calibrated = ScenarioRunner.Run(ScenarioLoader.Load(Path.Combine(dir, "calibrated.yaml")));
            Assert.That(calibrated.Deployment.Collective.AllReduceSeconds(1 << 20), Is.EqualTo(1e-3 + ((1 << 20) / 1e9)).Within(1e-12));
            Assert.That(calibrated.Result.Summary.TtftMs.Mean, Is.GreaterThan(5 * plain.Result.Summary.TtftMs.Mean));

            var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(Path.Combine(dir, "wrong.yaml")));
            Assert.That(e!.Message, Does.Contain("calibration").And.Contain("A100"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
