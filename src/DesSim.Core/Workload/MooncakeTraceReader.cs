using System.Text.Json;
using DesSim.Engine;

namespace DesSim.Core.Workload;

/// <summary>Streams a Mooncake JSONL trace: one object per line with <c>timestamp</c> (ms), <c>input_length</c>, <c>output_length</c>, <c>hash_ids</c>.</summary>
internal sealed class MooncakeTraceReader : ITraceRowReader
{
    private const double NsPerMillisecond = SimTime.NanosecondsPerMillisecond; // ms → ns

    private readonly StreamReader _text;
    private readonly RowErrors _errors;
    private readonly WorkloadDiagnostics _diagnostics;
    private long _line;
    private bool _anyRow;

    public MooncakeTraceReader(string path, bool skipInvalid, WorkloadDiagnostics diagnostics)
    {
        _diagnostics = diagnostics;
        _errors = new RowErrors(path, skipInvalid, diagnostics);
        _text = TraceFiles.OpenText(path);
    }

    public bool RebaseToFirst => false;

    public bool TryRead(out TraceRow row)
    {
        while (_text.ReadLine() is { } text)
        {
            _line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            _anyRow = true;
            _diagnostics.RowsRead++;
            if (Parse(text, out row))
            {
                return true;
            }
        }

        if (!_anyRow)
        {
            throw new InputException(_errors.Path, null, "the file is empty");
        }

        row = default;
        return false;
    }

    public void Dispose() => _text.Dispose();

    private bool Parse(string text, out TraceRow row)
    {
        row = default;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            _errors.Bad(_line, "(json)", Shorten(text), $"is not valid JSON: {e.Message.Split('.')[0]}");
            return false;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                _errors.Bad(_line, "(json)", Shorten(text), "is not a JSON object");
                return false;
            }

            var time = _errors.Time(_line, "timestamp", Raw(root, "timestamp"), NsPerMillisecond);
            if (time is null)
            {
                return false;
            }

            var input = _errors.Tokens(_line, "input_length", Raw(root, "input_length"));
            if (input is null)
            {
                return false;
            }

            var output = _errors.Tokens(_line, "output_length", Raw(root, "output_length"));
            if (output is null)
            {
                return false;
            }

            int[]? hashes = null;
            if (root.TryGetProperty("hash_ids", out var h) && h.ValueKind != JsonValueKind.Null)
            {
                if (h.ValueKind != JsonValueKind.Array)
                {
                    _errors.Bad(_line, "hash_ids", h.GetRawText(), "is not a list of integers");
                    return false;
                }

                hashes = new int[h.GetArrayLength()];
                int i = 0;
                foreach (var item in h.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out hashes[i++]))
                    {
                        _errors.Bad(_line, "hash_ids", item.GetRawText(), "is not a 32-bit integer");
                        return false;
                    }
                }
            }

            row = new TraceRow(_line, time.Value, input.Value, output.Value, null, hashes);
            return true;
        }
    }

    private static string? Raw(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.GetRawText();

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
