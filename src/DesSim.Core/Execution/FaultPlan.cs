using System.Globalization;
using DesSim.Core.Hardware;

namespace DesSim.Core.Execution;

/// <summary>The faults injected into a run: stragglers, replica failures and link degradations (scenario key <c>faults:</c>).</summary>
/// <remarks>Times in simulated seconds from the start of the run. See docs/faults.md.</remarks>
/// <param name="Stragglers">Slow GPUs in time windows.</param>
/// <param name="Failures">Replica failures (and recoveries).</param>
/// <param name="Links">Link bandwidth degradations in time windows.</param>
public sealed record FaultPlan(
    IReadOnlyList<StragglerSpec> Stragglers,
    IReadOnlyList<ReplicaFailureSpec> Failures,
    IReadOnlyList<LinkDegradationSpec> Links)
{
    /// <summary>No faults.</summary>
    public static FaultPlan None { get; } = new([], [], []);

    /// <summary>Whether any fault is configured.</summary>
    public bool IsEmpty => Stragglers.Count == 0 && Failures.Count == 0 && Links.Count == 0;

    /// <summary>Every fault as a time window with a label, in declaration order (for shaded chart bands).</summary>
    /// <param name="endSeconds">Where open-ended windows (no end, no recovery) stop.</param>
    public IReadOnlyList<(double StartSeconds, double EndSeconds, string Label)> Windows(double endSeconds)
    {
        var list = new List<(double, double, string)>();
        double End(double e) => Math.Min(e, Math.Max(endSeconds, 0));
        foreach (var s in Stragglers)
        {
            list.Add((s.StartSeconds, End(s.EndSeconds), string.Create(CultureInfo.InvariantCulture, $"straggler GPU {s.Gpu} x{s.Factor:G4}")));
        }

        foreach (var f in Failures)
        {
            list.Add((f.AtSeconds, End(f.RecoverSeconds ?? double.PositiveInfinity), string.Create(CultureInfo.InvariantCulture, $"replica {f.Replica} down")));
        }

        foreach (var l in Links)
        {
            list.Add((l.StartSeconds, End(l.EndSeconds), string.Create(CultureInfo.InvariantCulture, $"{l.Kind ?? "all"} links x{l.Factor:G4}")));
        }

        return list.Where(w => w.Item2 > w.Item1).ToArray();
    }

    /// <summary>Why this plan cannot run on <paramref name="replicas"/> replicas of <paramref name="gpuCount"/> GPUs, or null when it can.</summary>
    /// <remarks>Rules: ids in range; windows with end after start; a replica's failures do not overlap; at least one
    /// replica is up at the end of time (otherwise retried requests could never finish).</remarks>
    public string? Problem(int replicas, int gpuCount)
    {
        foreach (var s in Stragglers)
        {
            if (s.Gpu < 0 || s.Gpu >= gpuCount)
            {
                return $"straggler GPU {s.Gpu} does not exist (the cluster has GPUs 0..{gpuCount - 1})";
            }
        }

        foreach (var f in Failures)
        {
            if (f.Replica < 0 || f.Replica >= replicas)
            {
                return $"replica {f.Replica} does not exist (the layout has replicas 0..{replicas - 1})";
            }

            if (f.RecoverSeconds is { } rec && rec <= f.AtSeconds)
            {
                return $"replica {f.Replica} recovers at {rec.ToString(CultureInfo.InvariantCulture)} s, not after it fails at {f.AtSeconds.ToString(CultureInfo.InvariantCulture)} s";
            }
        }

        foreach (var group in Failures.GroupBy(f => f.Replica))
        {
            var ordered = group.OrderBy(f => f.AtSeconds).ToArray();
            for (int i = 1; i < ordered.Length; i++)
            {
                if (ordered[i - 1].RecoverSeconds is not { } rec || rec > ordered[i].AtSeconds)
                {
                    return $"replica {group.Key} fails again at {ordered[i].AtSeconds.ToString(CultureInfo.InvariantCulture)} s while still down";
                }
            }
        }

        var permanentlyDown = Failures.Where(f => f.RecoverSeconds is null).Select(f => f.Replica).Distinct().Count();
        if (replicas > 0 && permanentlyDown >= replicas)
        {
            return "every replica fails for good, so the requests it held could never finish";
        }

        return null;
    }
}
