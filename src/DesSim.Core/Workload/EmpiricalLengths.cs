using CsvHelper;

namespace DesSim.Core.Workload;

/// <summary>Loads observed token lengths for empirical sampling: one column of a lengths CSV, or a trace's input/output lengths.</summary>
/// <remarks>Holds the values in memory (4 bytes each). Lengths CSV default columns: <c>num_prefill_tokens</c> / <c>num_decode_tokens</c>.</remarks>
public static class EmpiricalLengths
{
    /// <summary>Default lengths-CSV column for prompts (the etalon/vidur lengths files).</summary>
    public const string DefaultInputColumn = "num_prefill_tokens";

    /// <summary>Default lengths-CSV column for outputs.</summary>
    public const string DefaultOutputColumn = "num_decode_tokens";

    /// <summary>The values named by <paramref name="spec"/> (input side when <paramref name="isInput"/>).</summary>
    /// <exception cref="InputException">Missing file or column, a malformed value, or no values.</exception>
    public static int[] Load(LengthSpec spec, bool isInput)
    {
        var path = spec.File ?? throw new InputException(null, null, "empirical lengths need a file");
        var values = new List<int>();
        if (spec.FromTrace)
        {
            var diagnostics = new WorkloadDiagnostics();
            using var reader = TraceFiles.OpenRows(path, spec.TraceFormat, skipInvalid: false, diagnostics);
            while (reader.TryRead(out var row))
            {
                values.Add(Math.Max(1, isInput ? row.InputTokens : row.OutputTokens));
            }
        }
        else
        {
            LoadColumn(path, spec.Column ?? (isInput ? DefaultInputColumn : DefaultOutputColumn), values);
        }

        if (values.Count == 0)
        {
            throw new InputException(path, null, "no lengths found");
        }

        return [.. values];
    }

    private static void LoadColumn(string path, string column, List<int> values)
    {
        var diagnostics = new WorkloadDiagnostics();
        var errors = new RowErrors(path, skipInvalid: false, diagnostics);
        using var csv = TraceFiles.OpenCsv(path);
        var header = csv.Headers.ToArray();
        if (header.Length == 0)
        {
            throw new InputException(path, null, "the file is empty");
        }

        int index = Array.FindIndex(header, h => string.Equals(h.Trim().TrimStart('\uFEFF'), column, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new InputException(path, "1", $"no column '{column}'", $"columns: {string.Join(",", header)}");
        }

        while (csv.Read())
        {
            var v = errors.Tokens(csv.LineNumber, column, index < csv.FieldCount ? csv.GetString(index) : null);
            values.Add(Math.Max(1, v!.Value));
        }
    }
}
