namespace DesSim.Cli.Tests.Sweeps;

/// <summary>Temp files and a small fast scenario (Llama-3.1-8B on 4×H100, 60 requests) for sweep tests.</summary>
internal static class SweepFixture
{
    public static readonly string TempRoot = Path.Combine(Path.GetTempPath(), "dessim-sweep-tests-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public const string Scenario = """
        name: tiny
        seed: 7
        model: llama-3.1-8b
        cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 4 }
        parallelism: { tp: 4, pp: 1, dp: 1 }
        workload:
          requests: 60
          arrival: { process: poisson, rate: 20 }
          input_tokens: { dist: lognormal, mean: 512, sigma: 0.8, max: 4000 }
          output_tokens: { dist: lognormal, mean: 64, sigma: 0.8, max: 500 }
        slo: { ttft_ms: 350, tpot_ms: 25 }
        outputs: { timeseries_step_s: 0, chrome_trace: false }
        """;

    public const string Grid = """
        layouts: all
        axes:
          workload.arrival.rate: [10, 40, 160]
        """;

    public static string NewDir()
    {
        var dir = Path.Combine(TempRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string Write(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public static void Cleanup()
    {
        if (Directory.Exists(TempRoot))
        {
            Directory.Delete(TempRoot, recursive: true);
        }
    }
}
