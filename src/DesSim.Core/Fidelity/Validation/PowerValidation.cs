using DesSim.Core.Fidelity.Calibration;
using DesSim.Core.Cost;
using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Fidelity.Validation;

/// <summary>Fits the power model's two activity constants on Splitwise's A100 average power and checks average and peak
/// power per run against all measured rows.</summary>
/// <remarks>
/// Each row is simulated once (static batch, <see cref="StaticBatchSimulator"/>, with the given engine overheads). For one
/// GPU of the run, with duration T and times t_c (compute-bound kernels), t_m (other compute), t_x (communication), the
/// model's average power over TDP is <c>i + (1 − i)·(t_c + k_m·t_m + k_x·t_x)/T</c> (i = idle/TDP), linear in k_m and k_x,
/// which are fitted by non-negative least squares on the rows outside TP <see cref="SplitwiseRuns.HoldOutTp"/> and with prompts shorter
/// than <see cref="ExcludedPromptTokens"/>. Why that exclusion: those rows' averages (0.17-0.18 × TDP at TP 2, 4 and one
/// TP 8 set) are barely above idle for runs that are 97% decode, unlike every other configuration, while their peaks are
/// at TDP; we read them as a measurement artefact, keep them in the report and out of the fit.
/// Peak power is not fitted: the model's peak is the prefill span's mean power. Deterministic.
/// </remarks>
public static class PowerValidation
{
    /// <summary>Prompt length whose rows are excluded from the fit (see remarks).</summary>
    public const int ExcludedPromptTokens = 8192;

    /// <summary>The fitted constants and the cases (measured vs predicted with the shipped constants).</summary>
    /// <param name="MemoryBoundActivity">Fitted k_m.</param>
    /// <param name="CommunicationActivity">Fitted k_x.</param>
    /// <param name="FitRows">Rows the fit used.</param>
    /// <param name="Cases">Average and peak power per row (fractions of TDP), role fit / held-out / excluded.</param>
    public sealed record Result(double MemoryBoundActivity, double CommunicationActivity, int FitRows, IReadOnlyList<ValidationCase> Cases);

    /// <summary>Runs the fit and the comparison with <paramref name="engine"/>'s overheads.</summary>
    public static Result Run(EngineOverheads engine)
    {
        var rows = SplitwisePower.Load();
        var fit = new List<(double[] X, double Y)>();
        var cases = new List<ValidationCase>();
        foreach (var row in rows)
        {
            var result = StaticBatchSimulator.Simulate(row.Run, engine);
            var g = result.Gpus[0];
            var power = new PowerModel(Hardware.GpuCatalog.Get(row.Run.Gpu));
            double i = power.IdleWatts / power.TdpWatts, t = result.Summary.DurationSeconds;
            double bound = g.ComputeBoundSeconds / t, other = (g.ComputeSeconds - g.ComputeBoundSeconds) / t;
            double comm = (g.TpCommSeconds + g.PpCommSeconds + g.OtherCommSeconds) / t;
            bool excluded = row.Run.InputTokens >= ExcludedPromptTokens;
            if (!row.Run.HoldOut && !excluded)
            {
                fit.Add(([(1 - i) * other, (1 - i) * comm], row.AverageFraction - i - ((1 - i) * bound)));
            }

            var role = excluded ? "excluded" : row.Run.HoldOut ? "held-out" : "fit";
            cases.Add(new ValidationCase(row.Run.Id, "avg power", "×TDP", row.AverageFraction, g.AveragePowerWatts / power.TdpWatts, role, SplitwiseRuns.Citation) { Group = SplitwiseRuns.Group });
            cases.Add(new ValidationCase(row.Run.Id, "peak power", "×TDP", row.PeakFraction, g.PeakPowerWatts / power.TdpWatts, excluded ? "excluded" : "unfitted", SplitwiseRuns.Citation) { Group = SplitwiseRuns.Group });
        }

        var k = EngineFitter.SolveNonNegative(fit);
        return new Result(k[0], k[1], fit.Count, cases);
    }
}
