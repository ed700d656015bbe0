using System.Globalization;
using System.Reflection;
using DesSim.Core.Fidelity.Calibration;

namespace DesSim.Core.Fidelity.Validation;

/// <summary>SplitwiseSim's measured Llama-2-70B runs on a DGX-A100 as <see cref="MeasuredRun"/>s (median of the repeats).</summary>
/// <remarks>Source: Fidelity/Validation/Data/splitwise_perf_model_a100.csv (see NOTICE.md there), embedded unchanged. TTFT is the
/// prefill time of the whole batch, TPOT the per-token decode time (ms). Rows at <see cref="HoldOutTp"/> are held out of
/// any engine fit; the others are the fit rows.</remarks>
public static class SplitwiseRuns
{
    /// <summary>The summary group of these cases.</summary>
    public const string Group = "splitwise a100 (llama-2-70b)";

    /// <summary>Citation of every Splitwise case.</summary>
    public const string Citation = "Mutinifni/splitwise-sim data/perf_model.csv (MIT); Patel et al., Splitwise, ISCA 2024; DGX-A100 80GB, Llama-2-70B fp16";

    /// <summary>The tensor-parallel degree whose rows are held out of the fit (a whole layout the fit never sees).</summary>
    public const int HoldOutTp = 4;

    /// <summary>The runs, one per (tp, prompt, batch, output) configuration, ordered by those keys.</summary>
    public static IReadOnlyList<MeasuredRun> Load()
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("DesSim.Core.Fidelity.Validation.Data.splitwise_perf_model_a100.csv")
            ?? throw new InvalidOperationException("embedded Splitwise data missing");
        var t = CsvTable.Load(s, "splitwise_perf_model_a100.csv");
        t.Require("model", "hardware", "prompt_size", "batch_size", "token_size", "prompt_time", "token_time", "tensor_parallel");
        var groups = new SortedDictionary<(int Tp, int Prompt, int Batch, int Tokens), List<(double Prompt, double Token)>>();
        for (int i = 0; i < t.Rows.Count; i++)
        {
            var key = (t.PositiveInt(i, "tensor_parallel"), t.PositiveInt(i, "prompt_size"), t.PositiveInt(i, "batch_size"), t.PositiveInt(i, "token_size"));
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add((t.Positive(i, "prompt_time"), t.Positive(i, "token_time")));
        }

        return groups.Select(g => new MeasuredRun(
            string.Create(CultureInfo.InvariantCulture, $"splitwise-a100-tp{g.Key.Tp}-in{g.Key.Prompt}-b{g.Key.Batch}-out{g.Key.Tokens}"),
            "llama2-70b",
            "a100",
            "fp16",
            g.Key.Tp,
            1,
            g.Key.Batch,
            g.Key.Prompt,
            g.Key.Tokens,
            MathNet.Numerics.Statistics.Statistics.Median(g.Value.Select(v => v.Prompt)),
            MathNet.Numerics.Statistics.Statistics.Median(g.Value.Select(v => v.Token)),
            g.Key.Tp == HoldOutTp)).ToArray();
    }
}
