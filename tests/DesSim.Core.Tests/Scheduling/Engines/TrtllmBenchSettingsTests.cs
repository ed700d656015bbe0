using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Scheduling.Engines.Trtllm;

namespace DesSim.Core.Tests.Scheduling.Engines;

/// <summary>trtllm-bench's build heuristic (tensorrt_llm/bench/build/tuning.py) on Llama-3.1-70B FP8 / H100, checked by hand.</summary>
public sealed class TrtllmBenchSettingsTests
{
    [TestCase(1, 128, 128, 128, 2048)] // (74.51 GiB − 70.55) × 0.95 / 1.526e-4 GiB per token / 256 = 96.1 requests → 32·⌈96.1/32⌉ = 128; 192 tokens → the 2048 floor
    [TestCase(2, 128, 128, 2048, 3840)] // 1908 requests → 256·⌈1908/256⌉ = 2048; 1908 × 2 = 3816 → 256·⌈3816/256⌉ = 3840
    [TestCase(4, 2048, 128, 768, 11264)] // 650.8 requests → 128·⌈650.8/128⌉ = 768; 650.8 × 17 = 11064 → 1024·⌈11064/1024⌉ = 11264
    [TestCase(8, 5000, 500, 640, 6656)] // 594.9 requests → 640; 594.9 × 11 = 6544 → 512·⌈6544/512⌉ = 6656
    public void PicksTheBatchAndTokenLimitsOfTrtllmBenchBuild(int tp, int input, int output, int batch, int tokens)
    {
        var settings = TrtllmBenchSettings.Calc(ModelCatalog.Get("llama-3.1-70b"), Precision.Fp8, Precision.Fp8, GpuCatalog.Get("h100"), tp, 1, input, output);
        Assert.That(settings, Is.EqualTo((batch, tokens)));
    }
}
