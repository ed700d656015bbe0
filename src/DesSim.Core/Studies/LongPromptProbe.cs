using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Studies;

/// <summary>Decides whether a workload has long prompts, so that layout searches also try context parallelism (CP).</summary>
/// <remarks>
/// The workload's own request source is drained (at most <see cref="SampleRequests"/> requests, seeded like a run, so the
/// verdict is deterministic): synthetic lengths of every distribution, empirical lengths and trace rows alike, after the
/// <c>max_model_len</c> clamp. Prompts are long when the <see cref="Percentile"/>th percentile of prompt lengths is at
/// least <see cref="ThresholdTokens"/>: one outlier does not double the search, but a workload where one request in ten
/// is that long does. A closed-loop source is told each request completed at once so it keeps offering.
/// </remarks>
public static class LongPromptProbe
{
    /// <summary>Prompt length from which CP is worth trying, tokens.</summary>
    /// <remarks>Why 32K: below it one GPU group's prefill of a 70B model is well under a second on H100 (docs/physics.md
    /// roofline) and a ring step (K/V of 1/c of the prompt) is too small to hide behind attention; CP deployments in the
    /// literature (arXiv 2411.01783, facts.md §1) start at 128K. 32K keeps the mid-range in the search.</remarks>
    public const int ThresholdTokens = 32_768;

    /// <summary>Percentile of prompt lengths compared with <see cref="ThresholdTokens"/> (90: one request in ten).</summary>
    public const double Percentile = 90;

    /// <summary>Most requests drawn (a trace's first rows): enough for a stable p90, cheap next to one simulation.</summary>
    public const int SampleRequests = 10_000;

    /// <summary>The <see cref="Percentile"/>th percentile of the workload's prompt lengths (tokens), or 0 when it has none.</summary>
    /// <param name="workload">The workload spec.</param>
    /// <param name="seed">The scenario's seed (synthetic lengths are drawn from its named streams).</param>
    /// <exception cref="InputException">An unreadable trace or lengths file.</exception>
    public static int PromptPercentileTokens(WorkloadSpec workload, ulong seed)
    {
        using var opened = WorkloadFactory.Open(workload, new RandomStreams(seed));
        var lengths = new List<int>();
        var source = opened.Source;
        while (lengths.Count < SampleRequests && source.TryNext(out var r))
        {
            lengths.Add(r.InputTokens);
            source.OnCompleted(r.Id, r.Arrival);
        }

        if (lengths.Count == 0)
        {
            return 0;
        }

        lengths.Sort();
        return TraceStats.Percentile(lengths, Percentile);
    }

    /// <summary>Whether <paramref name="workload"/>'s prompts are long enough for context-parallel layouts.</summary>
    public static bool HasLongPrompts(WorkloadSpec workload, ulong seed) => PromptPercentileTokens(workload, seed) >= ThresholdTokens;
}
