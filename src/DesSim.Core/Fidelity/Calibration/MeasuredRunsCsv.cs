using System.Globalization;
using CsvHelper;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>Reads and writes the <c>calibrate --runs</c> CSV: one row per measured run.</summary>
/// <remarks>Columns: <c>model,gpu,precision,tp,pp,batch,input_tokens,output_tokens,ttft_ms,tpot_ms</c> and optional
/// <c>id</c> and <c>split</c> (<c>fit</c> | <c>holdout</c>). Without a split column every <see cref="DefaultHoldOutEvery"/>-th
/// row (the 4th, 8th, …) is held out. <c>precision</c> and <c>pp</c> are optional (fp16 / 1). Either latency may be empty.</remarks>
public static class MeasuredRunsCsv
{
    /// <summary>Every n-th row is held out when the file has no split column.</summary>
    public const int DefaultHoldOutEvery = 4;

    /// <summary>Required columns.</summary>
    public static readonly string[] RequiredColumns = ["model", "gpu", "tp", "batch", "input_tokens", "output_tokens", "ttft_ms", "tpot_ms"];

    /// <summary>Reads the runs of <paramref name="path"/>.</summary>
    public static IReadOnlyList<MeasuredRun> Read(string path)
    {
        var t = CsvTable.Load(path);
        t.Require(RequiredColumns);
        var runs = new List<MeasuredRun>(t.Rows.Count);
        for (int i = 0; i < t.Rows.Count; i++)
        {
            var split = t.Has("split") ? t.Text(i, "split").ToLowerInvariant() : ((i + 1) % DefaultHoldOutEvery == 0 ? "holdout" : "fit");
            if (split is not ("fit" or "holdout"))
            {
                throw t.Error(i, "split", $"'{split}' is not fit or holdout");
            }

            double? ttft = t.OptionalDouble(i, "ttft_ms"), tpot = t.OptionalDouble(i, "tpot_ms");
            if (ttft is null && tpot is null)
            {
                throw t.Error(i, "ttft_ms", "the row has neither ttft_ms nor tpot_ms");
            }

            if (ttft <= 0 || tpot <= 0)
            {
                throw t.Error(i, ttft <= 0 ? "ttft_ms" : "tpot_ms", "must be positive");
            }

            var id = t.Has("id") && t.Text(i, "id").Length > 0 ? t.Text(i, "id") : string.Create(CultureInfo.InvariantCulture, $"row{t.Rows[i].Line}");
            runs.Add(new MeasuredRun(
                id,
                t.Text(i, "model"),
                t.Text(i, "gpu"),
                t.Has("precision") && t.Text(i, "precision").Length > 0 ? t.Text(i, "precision") : "fp16",
                t.PositiveInt(i, "tp"),
                t.Has("pp") && t.Text(i, "pp").Length > 0 ? t.PositiveInt(i, "pp") : 1,
                t.PositiveInt(i, "batch"),
                t.PositiveInt(i, "input_tokens"),
                t.PositiveInt(i, "output_tokens"),
                ttft,
                tpot,
                split == "holdout"));
        }

        if (runs.Count == 0)
        {
            throw new InputException(path, null, "no rows", "one row per measured run");
        }

        return runs;
    }

    /// <summary>Writes <paramref name="runs"/> in the format <see cref="Read"/> accepts (with id and split columns).</summary>
    public static void Write(TextWriter writer, IEnumerable<MeasuredRun> runs)
    {
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" }, leaveOpen: true);
        foreach (var h in new[] { "id", "model", "gpu", "precision", "tp", "pp", "batch", "input_tokens", "output_tokens", "ttft_ms", "tpot_ms", "split" })
        {
            csv.WriteField(h);
        }

        csv.EndRecord();
        foreach (var r in runs)
        {
            csv.WriteField(r.Id);
            csv.WriteField(r.Model);
            csv.WriteField(r.Gpu);
            csv.WriteField(r.Precision);
            csv.WriteField(r.Tp.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Pp.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Batch.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.InputTokens.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.OutputTokens.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.TtftMs?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty);
            csv.WriteField(r.TpotMs?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty);
            csv.WriteField(r.HoldOut ? "holdout" : "fit");
            csv.EndRecord();
        }
    }
}
