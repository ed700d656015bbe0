using DesSim.Core.Cost;
using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>The outcome of <see cref="EngineFitter.Fit"/>: fitted overheads and per-run comparisons before and after.</summary>
/// <param name="Engine">The fitted overheads.</param>
/// <param name="Fitted">Comparisons with the fitted engine, one per run (fit and hold-out rows).</param>
/// <param name="Baseline">Comparisons with no engine overhead, in the same order.</param>
public sealed record EngineFitResult(EngineOverheads Engine, IReadOnlyList<RunComparison> Fitted, IReadOnlyList<RunComparison> Baseline)
{
    /// <summary>TTFT and TPOT statistics of <paramref name="rows"/> restricted to fit (<paramref name="holdOut"/> false) or hold-out rows.</summary>
    public static (FitStats Ttft, FitStats Tpot) Stats(IEnumerable<RunComparison> rows, bool holdOut)
    {
        var sel = rows.Where(r => r.Run.HoldOut == holdOut).ToArray();
        var ttft = sel.Where(r => r.Run.TtftMs is not null).ToArray();
        var tpot = sel.Where(r => r.Run.TpotMs is not null && double.IsFinite(r.Predicted.TpotMs)).ToArray();
        return (
            FitStats.Of(ttft.Select(r => r.Predicted.TtftMs).ToArray(), ttft.Select(r => r.Run.TtftMs!.Value).ToArray()),
            FitStats.Of(tpot.Select(r => r.Predicted.TpotMs).ToArray(), tpot.Select(r => r.Run.TpotMs!.Value).ToArray()));
    }
}
