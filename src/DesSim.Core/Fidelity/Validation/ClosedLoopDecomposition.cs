using DesSim.Core.Statistics;

namespace DesSim.Core.Fidelity.Validation;

/// <summary>Splits a closed-loop benchmark's mean TTFT and TPOT into three parts that can be compared one by one with a
/// simulation of it: the decode step, the cost one prefill adds, and how many prefill costs a request waits for before its
/// first token.</summary>
/// <remarks>
/// <para>Model. In a closed loop of <c>c</c> users sending identical requests (prompt <c>isl</c>, output <c>osl</c>),
/// every user's request is prefilled once per cycle, so while one request decodes its <c>osl − 1</c> tokens the others'
/// prefills that do not share its step land in its decode steps. With <c>d</c> the decode step, <c>x</c> the time one
/// prefill adds to the step it runs in, and <c>g</c> the number of prefill costs inside a request's TTFT (its own, those
/// prefilled with it, and those it queues behind):</para>
/// <para><c>TPOT(osl) = d + (c − g) · x / (osl − 1)</c> and <c>TTFT = d + g · x</c>.</para>
/// <para>Two runs of the same configuration at two output lengths give the three unknowns: the TPOT difference gives
/// <c>(c − g) · x</c>, then <c>d</c>, then <c>g · x</c> from the mean TTFT of the two runs, and <c>x</c> and <c>g</c> from
/// their sum <c>c · x</c>. It assumes the grouping is the same at both output lengths, which the measurements bear out: in
/// the public silicon suite TTFT is the same within a few percent at output 128 and 1,024, and <c>x</c> comes out the same
/// at every concurrency of a configuration (docs/engines.md, "Where the closed-loop error comes from").</para>
/// <para>Reading it: <c>d</c> and <c>x</c> are kernel and step costs (the micro-benchmark tables, CUDA graphs, CPU time);
/// <c>g</c> is scheduling dynamics (how the engine and the client group requests into steps). A diagnostic only: nothing
/// is fitted from it.</para>
/// </remarks>
public static class ClosedLoopDecomposition
{
    /// <summary>One configuration's three parts.</summary>
    /// <param name="DecodeStepMs">d: the decode step without prefills, ms.</param>
    /// <param name="PrefillCostMs">x: the time one prefill adds to its step, ms.</param>
    /// <param name="PrefillsInTtft">g: prefill costs inside the mean TTFT (dimensionless).</param>
    public readonly record struct Parts(double DecodeStepMs, double PrefillCostMs, double PrefillsInTtft);

    /// <summary>One closed-loop measurement (or prediction) at one output length.</summary>
    /// <param name="OutputTokens">Output tokens per request (at least 2).</param>
    /// <param name="TtftMs">Mean TTFT, ms.</param>
    /// <param name="TpotMs">Mean TPOT, ms.</param>
    public readonly record struct Point(int OutputTokens, double TtftMs, double TpotMs);

    /// <summary>Solves the model for a configuration measured at two output lengths; null when the two points do not
    /// determine it (equal output lengths, or a solution without a positive prefill cost and decode step).</summary>
    /// <param name="concurrency">Closed-loop users.</param>
    /// <param name="shorter">The run at the shorter output.</param>
    /// <param name="longer">The run at the longer output.</param>
    public static Parts? Solve(int concurrency, Point shorter, Point longer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        if (shorter.OutputTokens < 2 || longer.OutputTokens <= shorter.OutputTokens)
        {
            return null;
        }

        double perTokenShort = 1.0 / (shorter.OutputTokens - 1), perTokenLong = 1.0 / (longer.OutputTokens - 1);
        double othersPrefillMs = (shorter.TpotMs - longer.TpotMs) / (perTokenShort - perTokenLong);   // (c − g) · x
        double d = longer.TpotMs - othersPrefillMs * perTokenLong;
        double ownPrefillsMs = (shorter.TtftMs + longer.TtftMs) / 2 - d;                             // g · x
        double x = (othersPrefillMs + ownPrefillsMs) / concurrency;
        if (!(d > 0) || !(x > 0) || !(ownPrefillsMs > 0))
        {
            return null;
        }

        return new Parts(d, x, ownPrefillsMs / x);
    }

    /// <summary>One configuration of the silicon suite, measured and predicted.</summary>
    /// <param name="Group">Engine and version (the validation group).</param>
    /// <param name="InputTokens">Prompt length.</param>
    /// <param name="Tp">Tensor-parallel degree.</param>
    /// <param name="Concurrency">Closed-loop users.</param>
    /// <param name="Measured">The parts of the measured runs.</param>
    /// <param name="Predicted">The parts of DesSim's runs of the same rows.</param>
    public sealed record Decomposed(string Group, int InputTokens, int Tp, int Concurrency, Parts Measured, Parts Predicted);

    /// <summary>Median predicted ÷ measured ratio of each part over a group's configurations with one prompt length.</summary>
    /// <param name="Group">Engine and version.</param>
    /// <param name="InputTokens">Prompt length.</param>
    /// <param name="Configurations">How many configurations (TP × concurrency) the medians cover.</param>
    /// <param name="DecodeStepRatio">Median predicted ÷ measured d.</param>
    /// <param name="PrefillCostRatio">Median predicted ÷ measured x.</param>
    /// <param name="PrefillsInTtftRatio">Median predicted ÷ measured g.</param>
    /// <param name="MeasuredPrefillsInTtftAtLowest">Median measured g at the group's lowest concurrency.</param>
    /// <param name="PredictedPrefillsInTtftAtLowest">Median predicted g at the group's lowest concurrency.</param>
    public sealed record Summary(string Group, int InputTokens, int Configurations, double DecodeStepRatio, double PrefillCostRatio,
        double PrefillsInTtftRatio, double MeasuredPrefillsInTtftAtLowest, double PredictedPrefillsInTtftAtLowest);

    /// <summary>Pairs each configuration's fit rows at its shortest and longest fit output length and solves both sides.
    /// Held-out rows never enter (<see cref="SiliconCases.IsHeldOut"/>), so the diagnostic looks only at what the fit side may see.</summary>
    /// <param name="rows">The suite's rows.</param>
    /// <param name="cases">The suite's cases (TTFT and TPOT per row id).</param>
    public static IReadOnlyList<Decomposed> OfFitRows(IReadOnlyList<SiliconRow> rows, IReadOnlyList<ValidationCase> cases)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cases);
        var predicted = cases.GroupBy(c => c.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Ttft: g.FirstOrDefault(c => c.Metric == "TTFT")?.Predicted, Tpot: g.FirstOrDefault(c => c.Metric == "TPOT")?.Predicted), StringComparer.Ordinal);
        var result = new List<Decomposed>();
        foreach (var g in rows.Where(r => !SiliconCases.IsHeldOut(r) && r.Pp == 1 && predicted.ContainsKey(r.Id))
                     .GroupBy(r => (r.Engine, r.Version, r.Precision, r.InputTokens, r.Tp, r.Concurrency))
                     .OrderBy(g => g.Key.Engine, StringComparer.Ordinal).ThenBy(g => g.Key.Version, StringComparer.Ordinal)
                     .ThenBy(g => g.Key.InputTokens).ThenBy(g => g.Key.Tp).ThenBy(g => g.Key.Concurrency))
        {
            var byOutput = g.OrderBy(r => r.OutputTokens).ToArray();
            var (s, l) = (byOutput[0], byOutput[^1]);
            var (ps, pl) = (predicted[s.Id], predicted[l.Id]);
            if (s.OutputTokens == l.OutputTokens || ps.Ttft is not { } pst || ps.Tpot is not { } psp || pl.Ttft is not { } plt || pl.Tpot is not { } plp)
            {
                continue;
            }

            var measured = Solve(g.Key.Concurrency, new Point(s.OutputTokens, s.TtftMs, s.TpotMs), new Point(l.OutputTokens, l.TtftMs, l.TpotMs));
            var model = Solve(g.Key.Concurrency, new Point(s.OutputTokens, pst, psp), new Point(l.OutputTokens, plt, plp));
            if (measured is { } m && model is { } p)
            {
                result.Add(new Decomposed($"{g.Key.Engine} {g.Key.Version}", g.Key.InputTokens, g.Key.Tp, g.Key.Concurrency, m, p));
            }
        }

        return result;
    }

    /// <summary>Medians per (group, prompt length), in group and prompt order.</summary>
    public static IReadOnlyList<Summary> Summarize(IReadOnlyList<Decomposed> configurations)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        return configurations.GroupBy(c => (c.Group, c.InputTokens))
            .OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.InputTokens)
            .Select(g =>
            {
                var a = g.ToArray();
                int lowest = a.Min(c => c.Concurrency);
                var low = a.Where(c => c.Concurrency == lowest).ToArray();
                return new Summary(g.Key.Group, g.Key.InputTokens, a.Length,
                    Median(a.Select(c => c.Predicted.DecodeStepMs / c.Measured.DecodeStepMs)),
                    Median(a.Select(c => c.Predicted.PrefillCostMs / c.Measured.PrefillCostMs)),
                    Median(a.Select(c => c.Predicted.PrefillsInTtft / c.Measured.PrefillsInTtft)),
                    Median(low.Select(c => c.Measured.PrefillsInTtft)),
                    Median(low.Select(c => c.Predicted.PrefillsInTtft)));
            })
            .ToArray();
    }

    private static double Median(IEnumerable<double> values) => Quantile.LinearOfUnsorted(values.ToArray(), 0.5);
}
