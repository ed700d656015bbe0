using System.Text.Json;

namespace DesSim.Cli.Tests;

public sealed class VllmBenchFormatTests
{
    [Test]
    public void RunWritesTheKeysOfVllmBenchServeSaveResult()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"vbench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var yaml = Path.Combine(dir, "s.yaml");
            File.WriteAllText(yaml, """
                name: vb
                model: llama-3.1-8b
                cluster: { gpu: h100, nodes: 1, gpus_per_node: 1 }
                engine: vllm
                workload: { requests: 12, arrival: { process: closed-loop, concurrency: 4 }, input_tokens: 256, output_tokens: 8 }
                """);
            var outDir = Path.Combine(dir, "out");
            var (code, _, err) = CliTests.Run("run", yaml, "--out", outDir, "--format", "vllm-bench", "--quiet");
            Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "bench_result.json")));
            var r = doc.RootElement;
            foreach (var key in new[] { "completed", "failed", "duration", "total_input_tokens", "total_output_tokens", "request_throughput", "output_throughput",
                "total_token_throughput", "max_concurrency", "ttfts", "itls", "input_lens", "output_lens", "mean_ttft_ms", "median_ttft_ms", "std_ttft_ms",
                "p99_ttft_ms", "mean_tpot_ms", "median_tpot_ms", "p99_tpot_ms", "mean_itl_ms", "p99_itl_ms", "mean_e2el_ms" })
            {
                Assert.That(r.TryGetProperty(key, out _), Is.True, key);
            }

            Assert.That(r.GetProperty("completed").GetInt32(), Is.EqualTo(12));
            Assert.That(r.GetProperty("max_concurrency").GetInt32(), Is.EqualTo(4));
            Assert.That(r.GetProperty("request_rate").GetString(), Is.EqualTo("inf"));
            // ttfts are seconds; mean_ttft_ms their mean in ms (as serve.py computes it).
            var ttfts = r.GetProperty("ttfts").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.That(ttfts, Has.Length.EqualTo(12));
            Assert.That(r.GetProperty("mean_ttft_ms").GetDouble(), Is.EqualTo(ttfts.Average() * 1e3).Within(1e-3));
            Assert.That(File.Exists(Path.Combine(outDir, "summary.json")), Is.True);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void AnUnknownFormatIsBadInput()
    {
        var (code, _, err) = CliTests.Run("run", "scenarios/quickstart.yaml", "--format", "csv");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("--format").And.Contain("vllm-bench"));
    }
}
