using DesSim.Core.Cost;
using DesSim.Core.Fidelity.Calibration;
using DesSim.Core.Hardware;

namespace DesSim.Core.Tests.Calibration;

public sealed class ProfileImporterTests
{
    private static string Data(string file) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Calibration", "Data", file);

    private static ImportedProfiles Import(string file, string gpu = "h100") => ProfileImporter.Import([Data(file)], gpu);

    [Test]
    public void AiconfiguratorGemmRowsBecomeGemmSamplesInSeconds()
    {
        var k = Import("aic_gemm_h100.csv").Kernels;
        Assert.That(k, Has.Count.EqualTo(5));
        Assert.That(k[0].Op, Is.EqualTo("gemm"));
        Assert.That(k[0].Flops, Is.EqualTo(2.0 * 4353 * 65536 * 51200));
        Assert.That(k[0].Seconds, Is.EqualTo(39.30102284749349e-3).Within(1e-12));
    }

    [Test]
    public void AiconfiguratorAttentionTablesGivePrefillAndDecodeSamples()
    {
        var ctx = Import("aic_context_attention_h100.csv").Kernels;
        var gen = Import("aic_generation_attention_h100.csv").Kernels;
        Assert.That(ctx.All(s => s.Op == "attention_prefill") && ctx.Count == 5, Is.True);
        Assert.That(gen.All(s => s.Op == "attention_decode") && gen.Count == 5, Is.True);
        // First context row: b=16, isl=8192, 96 heads, 1 KV head, d=128, 53.4968 ms; causal FLOPs 2·b·isl²·h·d.
        Assert.That(ctx[0].Flops, Is.EqualTo(2.0 * 16 * 8192 * 8192 * 96 * 128).Within(1));
        Assert.That(ctx[0].Seconds, Is.EqualTo(53.49678039550781e-3).Within(1e-12));
        // First generation row: b=32, isl=1, step=1 → 2 keys per sequence.
        Assert.That(gen[0].Flops, Is.EqualTo(2.0 * 2 * 32 * 2 * 64 * 64));
    }

    [Test]
    public void NcclTablesOfBothColumnOrdersAndCustomAllReduceConvertElementsToBytes()
    {
        var newer = Import("aic_nccl_h100.csv").Collectives;
        var older = Import("aic_nccl_2.23_h100.csv").Collectives;
        var custom = Import("aic_custom_allreduce_h100.csv").Collectives;
        Assert.That(newer[0], Is.EqualTo(new CollectiveSample("all_gather", 2, 512, 0.0055e-3)));
        Assert.That(older[0], Is.EqualTo(new CollectiveSample("all_gather", 2, 2048, 0.005980000000000001e-3)));
        Assert.That(custom[0], Is.EqualTo(new CollectiveSample("all_reduce_custom", 2, 256, 0.002662079930305481e-3)));
    }

    [Test]
    public void VidurMlpRowsBecomeGemmAndElementwiseSamples()
    {
        var k = Import("vidur_mlp_a100_llama2_70b.csv", "a100").Kernels;
        Assert.That(k.Count(s => s.Op == "gemm"), Is.EqualTo(3 * 4));
        Assert.That(k.Count(s => s.Op == "elementwise"), Is.EqualTo(3 * 4));
        var qkv = k.First(s => s.Name == "attn_pre_proj");
        // 4096 tokens at TP1: n = (64 + 2·8)·128, k = 8192; median 2.872 ms.
        Assert.That(qkv.Flops, Is.EqualTo(2.0 * 4096 * (80 * 128) * 8192));
        Assert.That(qkv.Seconds, Is.EqualTo(2.872e-3).Within(1e-12));
    }

    [Test]
    public void VidurNetworkTablesTakeTheMedianAndMarkCrossNodeRows()
    {
        var ar = Import("vidur_all_reduce_a100_dgx.csv", "a100").Collectives;
        var sr = Import("vidur_send_recv_a100_dgx.csv", "a100").Collectives;
        // devices_per_node = 1 with 2 workers: the two ranks sit on different nodes.
        Assert.That(ar.All(c => c.Op == "all_reduce_internode" && c.Gpus == 2), Is.True);
        Assert.That(ar[0].Bytes, Is.EqualTo(2048));
        Assert.That(ar[0].Seconds, Is.EqualTo(0.043000000000000003e-3).Within(1e-15));
        Assert.That(sr.All(c => c.Op == "send_recv_internode"), Is.True);
    }

    [Test]
    public void VidurLegacyAttentionHasDecodeAndPrefillRows()
    {
        var k = Import("vidur_attention_a100.csv", "a100").Kernels;
        Assert.That(k.Count(s => s.Op == "attention_decode"), Is.EqualTo(2));
        Assert.That(k.Count(s => s.Op == "attention_prefill"), Is.EqualTo(2));
    }

    [Test]
    public void ADirectoryImportSkipsFilesOfOtherGpus()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"prof-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "h100_sxm"));
            Directory.CreateDirectory(Path.Combine(dir, "a100_dgx"));
            File.Copy(Data("aic_gemm_h100.csv"), Path.Combine(dir, "h100_sxm", "gemm.csv"));
            File.Copy(Data("vidur_all_reduce_a100_dgx.csv"), Path.Combine(dir, "a100_dgx", "all_reduce.csv"));
            var h = ProfileImporter.Import([dir], "h100");
            Assert.That(h.Kernels, Has.Count.EqualTo(5));
            Assert.That(h.Collectives, Is.Empty);
            var a = ProfileImporter.Import([dir], "a100");
            Assert.That(a.Kernels, Is.Empty);
            Assert.That(a.Collectives, Is.Not.Empty);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void AMalformedRecognizedTableNamesFileLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gemm-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "gemm_dtype,m,n,k,latency\nbfloat16,16,4096,x,0.1\n");
            var e = Assert.Throws<InputException>(() => ProfileImporter.Import([path], "h100"));
            Assert.That(e!.Message, Does.Contain("2").And.Contain("'k'"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void FittedCalibrationRoundTripsThroughYamlAndFitsTheGemmSamples()
    {
        var gpu = GpuCatalog.Get("a100");
        var data = Import("vidur_mlp_a100_llama2_70b.csv", "a100");
        var merged = new ImportedProfiles(data.Kernels, NcclTestsReader.Read(Data("nccl_tests_all_reduce_sample.txt")), data.Files);
        var p = CalibrationFitter.Fit(gpu, merged);
        var gemm = p.Curve("gemm")!;
        Assert.That(gemm.Quality.MedianAbsRelativeError, Is.LessThan(0.5));
        var path = Path.Combine(Path.GetTempPath(), $"calib-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, CalibrationYaml.Write(p, ["test"]));
            var back = CalibrationYaml.Load(path);
            Assert.That(back.Gpu, Is.EqualTo(gpu.Name));
            Assert.That(back.Curve("gemm")!.Coefficients, Is.EqualTo(gemm.Coefficients));
            var ar = back.Collective("all_reduce", 4)!;
            Assert.That(ar.Seconds(1 << 20), Is.EqualTo(p.Collective("all_reduce", 4)!.Seconds(1 << 20)).Within(1e-15));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
