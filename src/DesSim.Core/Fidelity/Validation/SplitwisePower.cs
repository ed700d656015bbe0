using System.Globalization;
using System.Reflection;
using DesSim.Core.Fidelity.Calibration;

namespace DesSim.Core.Fidelity.Validation;

/// <summary>The power columns of SplitwiseSim's A100 runs: per configuration, the median peak and average board power
/// over the run as fractions of TDP (rows with 0 = not measured are dropped).</summary>
/// <remarks>Same embedded file and configurations as <see cref="SplitwiseRuns"/>. A run is one static batch: one prefill
/// iteration, then decode iterations, so the peak is set by the prefill and the average mostly by decode.</remarks>
public static class SplitwisePower
{
    /// <summary>One configuration's measured power.</summary>
    /// <param name="Run">The run (layout, batch, lengths, hold-out flag of <see cref="SplitwiseRuns"/>).</param>
    /// <param name="PeakFraction">Median peak power / TDP.</param>
    /// <param name="AverageFraction">Median average power / TDP.</param>
    public sealed record Row(MeasuredRun Run, double PeakFraction, double AverageFraction);

    /// <summary>The measured rows, ordered as <see cref="SplitwiseRuns.Load"/>.</summary>
    public static IReadOnlyList<Row> Load()
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("DesSim.Core.Fidelity.Validation.Data.splitwise_perf_model_a100.csv")
            ?? throw new InvalidOperationException("embedded Splitwise data missing");
        var t = CsvTable.Load(s, "splitwise_perf_model_a100.csv");
        t.Require("prompt_size", "batch_size", "token_size", "tensor_parallel", "peak_power", "average_power");
        var groups = new Dictionary<string, List<(double Peak, double Average)>>(StringComparer.Ordinal);
        for (int i = 0; i < t.Rows.Count; i++)
        {
            double peak = t.Double(i, "peak_power");
            double avg = t.Double(i, "average_power");
            if (peak <= 0 || avg <= 0)
            {
                continue;
            }

            var id = string.Create(CultureInfo.InvariantCulture, $"splitwise-a100-tp{t.PositiveInt(i, "tensor_parallel")}-in{t.PositiveInt(i, "prompt_size")}-b{t.PositiveInt(i, "batch_size")}-out{t.PositiveInt(i, "token_size")}");
            if (!groups.TryGetValue(id, out var list))
            {
                groups[id] = list = [];
            }

            list.Add((peak, avg));
        }

        return SplitwiseRuns.Load().Where(r => groups.ContainsKey(r.Id)).Select(r => new Row(
            r,
            MathNet.Numerics.Statistics.Statistics.Median(groups[r.Id].Select(v => v.Peak)),
            MathNet.Numerics.Statistics.Statistics.Median(groups[r.Id].Select(v => v.Average)))).ToArray();
    }
}
