using DesSim.Core.Scheduling;
using DesSim.Core.Tests.TestDoubles;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.Workload;

/// <summary>Synthetic multi-turn sessions: history resent each turn, shared system prompts, turns after completions.</summary>
public sealed class SessionWorkloadTests
{
    private static SyntheticWorkloadSpec Spec(string sessions, string lengths = "input_tokens: 40\n  output_tokens: 24") =>
        (SyntheticWorkloadSpec)WorkloadTestKit.ReadYaml($"""
            workload:
              arrival: {"{"} process: constant, rate: 1 {"}"}
              sessions: {sessions}
              {lengths}
            """);

    [Test]
    public void EachTurnResendsThePreviousPromptAndAnswerPlusNewUserTokens()
    {
        var spec = Spec("{ count: 1, turns: 3, think_time_s: 2, system_prompts: { count: 1, tokens: 100 } }");
        using var opened = WorkloadFactory.Open(spec, new RandomStreams(1));
        var source = (IFollowUpRequestSource)opened.Source;
        Assert.That(source.TryNext(out var t0), Is.True);
        Assert.That(source.TryNext(out _), Is.False, "one session; its next turn waits for the answer");
        Assert.That((t0.InputTokens, t0.OutputTokens, t0.Arrival), Is.EqualTo((140, 24, SimTime.Zero)), "constant arrivals start at 0");
        Assert.That(t0.Prefix!.Tokens, Is.EqualTo(164), "the identity covers prompt and answer");
        Assert.That(source.TryNextFollowUp(out _), Is.False);

        source.OnCompleted(t0.Id, SimTime.FromSeconds(5));
        Assert.That(source.TryNextFollowUp(out var t1), Is.True);
        Assert.That((t1.InputTokens, t1.Arrival), Is.EqualTo((164 + 40, SimTime.FromSeconds(7))), "history + 40 new tokens, 2 s after the answer");
        Assert.That(t1.Prefix!.BlockIds.Take(164 / 16), Is.EqualTo(t0.Prefix.BlockIds.Take(164 / 16)), "every full block of the history keeps its id");
        Assert.That(t1.Prefix.BlockIds[164 / 16], Is.Not.EqualTo(t0.Prefix.BlockIds[164 / 16]), "the partial block grew: new content, new id");

        source.OnCompleted(t1.Id, SimTime.FromSeconds(9));
        Assert.That(source.TryNextFollowUp(out var t2), Is.True);
        Assert.That(t2.InputTokens, Is.EqualTo(204 + 24 + 40));
        source.OnCompleted(t2.Id, SimTime.FromSeconds(12));
        Assert.That(source.TryNextFollowUp(out _), Is.False, "three turns");
        Assert.That(source.IsExhausted, Is.True);
    }

    [Test]
    public void SessionsShareOnlyTheFullBlocksOfTheirSystemPrompt()
    {
        var spec = Spec("{ count: 40, system_prompts: { count: 1, tokens: 100 } }");
        using var opened = WorkloadFactory.Open(spec, new RandomStreams(1));
        var first = WorkloadTestKit.Drain(opened.Source);
        Assert.That(first, Has.Count.EqualTo(40));
        var ids = first.Select(r => r.Prefix!.BlockIds).ToArray();
        Assert.That(ids.All(x => x.Take(6).SequenceEqual(ids[0].Take(6))), "100 tokens = 6 full shared blocks");
        Assert.That(ids.Select(x => x[6]).Distinct().Count(), Is.EqualTo(40), "the block straddling the user message is each session's own");
    }

    [Test]
    public void ZipfMakesTheFirstSystemPromptTheMostPopular()
    {
        var spec = Spec("{ count: 2000, system_prompts: { count: 4, tokens: 32, popularity: zipf, exponent: 1 } }");
        using var opened = WorkloadFactory.Open(spec, new RandomStreams(3));
        var counts = WorkloadTestKit.Drain(opened.Source).GroupBy(r => r.Prefix!.BlockIds[0]).Select(g => g.Count()).OrderDescending().ToArray();
        Assert.That(counts, Has.Length.EqualTo(4));
        double h = 1 + (1 / 2.0) + (1 / 3.0) + (1 / 4.0);
        Assert.That(counts[0] / 2000.0, Is.EqualTo(1 / h).Within(0.04));
        Assert.That(counts[3] / 2000.0, Is.EqualTo(0.25 / h).Within(0.03));
    }

    [Test]
    public void AChatRunReusesItsHistoryAndFinishesEveryTurn()
    {
        var spec = Spec("{ count: 30, turns: 4, think_time_s: { dist: exponential, mean: 0.5 }, system_prompts: { count: 2, tokens: 300 } }");
        using var opened = WorkloadFactory.Open(spec, new RandomStreams(5));
        var scheduler = new SchedulerConfig(BatchPolicyKind.VllmV1, 64, 4096) { EnablePrefixCaching = true };
        var (result, _) = ServingHarness.Run(opened.Source, new LinearCostModel(1e-3, 1e-6), kvBlocks: 100_000, scheduler: scheduler);
        Assert.That(result.Summary.RequestsCompleted, Is.EqualTo(120));
        var p = result.Summary.PrefixCache!;
        Assert.That(p.TokenHitRate, Is.GreaterThan(0.6), "later turns are mostly history");
        var firstTurns = result.Requests.Where(r => r.InputTokens == 340).ToArray();
        Assert.That(firstTurns.Where(r => r.CachedTokens > 0).All(r => r.CachedTokens == 288), "a first turn reuses at most the system prompt's 18 full blocks");
    }
}
