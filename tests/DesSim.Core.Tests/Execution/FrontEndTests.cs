using DesSim.Core.Configuration;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Tests.Execution;

public sealed class FrontEndTests
{
    private static ScenarioRun Run(string engine, string arrival = "{ process: burst }", int requests = 4) =>
        ScenarioRunner.Run(ScenarioLoader.Read(YamlDocumentLoader.Parse($$"""
            name: front-end
            model: qwen3-32b
            precision: bf16
            cluster: { gpu: h100, nodes: 1, gpus_per_node: 2 }
            parallelism: { tp: 2, pp: 1, dp: 1 }
            engine: {{engine}}
            workload:
              requests: {{requests}}
              arrival: {{arrival}}
              input_tokens: 512
              output_tokens: 4
            """, "fe.yaml"), "fe.yaml", Path.GetTempPath()));

    [Test]
    public void RequestsSentTogetherReachTheSchedulerOneServiceTimeApartAndTtftCountsFromTheSend()
    {
        var run = Run("{ name: ideal, overrides: { front_end_ms: 10 } }");
        var r = run.Result.Requests.OrderBy(x => x.Id).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(r.Select(x => x.Arrival.Nanoseconds), Is.All.EqualTo(0), "TTFT is measured from the client's send");
            Assert.That(r[0].Scheduled.Nanoseconds, Is.EqualTo(10_000_000), "the first reaches an idle scheduler after one service time and runs alone");
            for (int i = 1; i < r.Length; i++)
            {
                // Request i is handed over at (i + 1) · 10 ms: never scheduled earlier, and never in the first one's step.
                Assert.That(r[i].Scheduled.Nanoseconds, Is.GreaterThanOrEqualTo((i + 1) * 10_000_000L));
                Assert.That(r[i].Scheduled.Nanoseconds, Is.GreaterThan(r[0].Scheduled.Nanoseconds));
            }

            Assert.That(r.Select(x => x.TtftMs), Is.All.GreaterThan(10));
        });
    }

    [Test]
    public void WithoutAFrontEndEveryRequestIsScheduledWhenSent()
    {
        var r = Run("ideal").Result.Requests;
        Assert.That(r.Select(x => x.Scheduled.Nanoseconds), Is.All.EqualTo(0));
    }

    [Test]
    public void VllmV1HasItsFittedFrontEndAndV0None()
    {
        var v1 = Run("{ name: vllm, version: \"0.12.0\" }");
        var v0 = Run("{ name: vllm, version: \"0.6.0\" }");
        Assert.Multiple(() =>
        {
            Assert.That(v1.Scenario.Engine.FrontEnd, Is.EqualTo(new FrontEndSpec(EngineOverheadsCatalog.VllmFrontEndPerRequestMs / 1e3, 0)));
            Assert.That(v1.Result.Notes, Has.Some.Contains("serial front end 5 ms per request"));
            Assert.That(v0.Scenario.Engine.FrontEnd.IsNone, Is.True);
        });
    }

    [Test]
    public void AClosedLoopWithAFrontEndStillCompletesEveryRequest()
    {
        var run = Run("{ name: vllm, overrides: { front_end_ms: 50 } }", "{ process: closed-loop, concurrency: 3 }", requests: 9);
        var (ttft, _, measured) = BenchmarkClientStats.Measure(run.Result.Requests, 0);
        Assert.Multiple(() =>
        {
            Assert.That(measured, Is.EqualTo(9));
            Assert.That(ttft, Is.GreaterThan(50));
        });
    }
}
