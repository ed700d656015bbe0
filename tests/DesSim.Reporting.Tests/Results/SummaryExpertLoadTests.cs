using System.Text.Json;
using DesSim.Core.Execution;
using DesSim.Core.Metrics;
using DesSim.Reporting.Results;

namespace DesSim.Reporting.Tests.Results;

public sealed class SummaryExpertLoadTests
{
    private static readonly LatencyStats Empty = LatencyStats.FromMilliseconds([]);

    private static RunSummary Summary() => new(1, 0, 1, 1, 1, 1, 1, 1, Empty, Empty, Empty, Empty, Empty, 0, 0.8, 0.1, 0, 0.1, 0, 0, 0.5);

    private static JsonElement Write(RunSummary s)
    {
        using var stream = new MemoryStream();
        SummaryJsonWriter.Write(stream, "x", "TP8xPP1xEP8", s, new SloSpec(), []);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    [Test]
    public void ExpertLoadIsWrittenWhenPresent()
    {
        var load = new ExpertLoadStats([30, 10, 10, 10], 2.0, 1.5, 3.0, 7, 4, "zipf(1)");
        var json = Write(Summary() with { ExpertLoad = load }).GetProperty("expert_load");
        Assert.That(json.GetProperty("imbalance_factor").GetDouble(), Is.EqualTo(2.0));
        Assert.That(json.GetProperty("routing").GetString(), Is.EqualTo("zipf(1)"));
        Assert.That(json.GetProperty("expert_tokens").EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(new long[] { 30, 10, 10, 10 }));
        Assert.That(json.GetProperty("batch_gpu_imbalance_mean").GetDouble(), Is.EqualTo(1.5));
        Assert.That(json.GetProperty("expert_groups").GetInt32(), Is.EqualTo(4));
    }

    [Test]
    public void DenseRunsHaveNoExpertLoadKey()
    {
        Assert.That(Write(Summary()).TryGetProperty("expert_load", out _), Is.False);
    }
}
