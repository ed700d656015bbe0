using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;
using DesSim.Core.Tests.TestDoubles;

namespace DesSim.Core.Tests.Scenarios;

/// <summary>The field's headline finding on one 8×H100 node with Llama-3.1-70B, on the shipped layout scenarios:
/// TP-heavy layouts give the lowest latency at low load, PP-heavy layouts the highest throughput at saturation.</summary>
/// <remarks>Nothing here is tuned to pass: the scenarios are the shipped files; only the workload is replaced.</remarks>
public sealed class LayoutTrendTests
{
    private const string LowLoad = "workload={requests: 60, arrival: {process: poisson, rate: 0.2}, input_tokens: 1024, output_tokens: 128}";
    private const string Saturation = "workload={requests: 1500, arrival: {process: burst}, input_tokens: 1024, output_tokens: 256}";
    private static readonly string[] Layouts = ["tp8", "tp4pp2", "tp2pp4", "pp8"];
    private static readonly Dictionary<string, RunSummary> Cache = [];

    private static RunSummary Run(string layout, string workload)
    {
        var key = layout + workload;
        if (!Cache.TryGetValue(key, out var summary))
        {
            var scenario = ScenarioLoader.Load(RepoPaths.Scenario($"llama70b-h100-{layout}.yaml"), [workload, "outputs.timeseries_step_s=0"]);
            summary = ScenarioRunner.Run(scenario).Result.Summary;
            Cache[key] = summary;
        }

        return summary;
    }

    [Test]
    public void AtLowLoadTp8HasLowerMedianTtftAndTpotThanPp8()
    {
        var tp8 = Run("tp8", LowLoad);
        var pp8 = Run("pp8", LowLoad);
        Assert.That(tp8.TtftMs.Median, Is.LessThan(pp8.TtftMs.Median));
        Assert.That(tp8.TpotMs.Median, Is.LessThan(pp8.TpotMs.Median));
        // And latency rises monotonically as TP gives way to PP.
        var tpot = Layouts.Select(l => Run(l, LowLoad).TpotMs.Median).ToArray();
        Assert.That(tpot, Is.Ordered.Ascending);
    }

    [Test]
    public void AtSaturationPipelineHeavyLayoutsOutThroughputTp8()
    {
        var tp8 = Run("tp8", Saturation).OutputThroughput;
        Assert.That(Run("tp4pp2", Saturation).OutputThroughput, Is.GreaterThan(tp8));
        Assert.That(Run("tp2pp4", Saturation).OutputThroughput, Is.GreaterThan(tp8));
        Assert.That(Run("pp8", Saturation).OutputThroughput, Is.GreaterThan(tp8));
    }

    [Test]
    public void EveryLayoutReportsBubblesAndPp8HasTheLargestAtLowLoad()
    {
        var bubbles = Layouts.ToDictionary(l => l, l => Run(l, LowLoad).BubbleShare);
        Assert.That(bubbles.Values, Has.All.GreaterThanOrEqualTo(0).And.All.LessThan(1));
        Assert.That(bubbles["tp8"], Is.Zero, "one stage has nothing to wait for");
        Assert.That(bubbles["pp8"], Is.EqualTo(bubbles.Values.Max()));
        Assert.That(bubbles["pp8"], Is.GreaterThan(bubbles["tp2pp4"]).And.GreaterThan(bubbles["tp4pp2"]));
    }
}
