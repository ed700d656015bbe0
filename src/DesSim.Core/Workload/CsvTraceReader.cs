using System.Globalization;
using CsvHelper;
using DesSim.Engine;

namespace DesSim.Core.Workload;

/// <summary>Streams a CSV trace (Azure, Vidur, BurstGPT, SplitwiseSim, generic) one row at a time through CsvHelper.</summary>
/// <remarks>Columns are found by header name (case-insensitive), so extra columns and other orders are accepted.</remarks>
internal sealed class CsvTraceReader : ITraceRowReader
{
    private const double NsPerSecond = SimTime.NanosecondsPerSecond; // seconds → ns
    private const long NsPerTick = 100; // one DateTime tick is 100 ns

    private readonly CsvReader _parser;
    private readonly RowErrors _errors;
    private readonly WorkloadDiagnostics _diagnostics;
    private readonly Layout _layout;
    private readonly int _time, _input, _output, _id, _model, _logType;
    private readonly string? _modelFilter, _logTypeFilter;
    private long? _baseTicks;
    private bool _anyRow;

    public CsvTraceReader(string path, TraceFormat format, bool skipInvalid, WorkloadDiagnostics diagnostics, string? modelFilter = null, string? logTypeFilter = null)
    {
        _diagnostics = diagnostics;
        _errors = new RowErrors(path, skipInvalid, diagnostics);
        _layout = LayoutOf(format);
        _modelFilter = modelFilter;
        _logTypeFilter = logTypeFilter;
        _parser = TraceFiles.OpenCsv(path);
        string[] names;
        try
        {
            names = _parser.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        }
        catch (CsvFormatException e)
        {
            Dispose();
            throw new InputException(path, "1", $"malformed CSV header: {e.Message.Split('\n')[0].Trim()}");
        }

        if (names.Length == 0 || names.All(string.IsNullOrEmpty))
        {
            Dispose();
            throw new InputException(path, null, "the file is empty", $"expected a header: {_layout.Expected}");
        }

        int Find(string? name) => name is null ? -1 : Array.FindIndex(names, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        _time = Find(_layout.Time);
        _input = Find(_layout.Input);
        _output = Find(_layout.Output);
        _id = Find(_layout.Id);
        _model = Find(_layout.Model);
        _logType = Find(_layout.LogType);
        var missing = new List<string>();
        if (_time < 0) missing.Add(_layout.Time);
        if (_input < 0) missing.Add(_layout.Input);
        if (_output < 0) missing.Add(_layout.Output);
        if (_layout.IdRequired && _id < 0) missing.Add(_layout.Id!);
        if (modelFilter is not null && _model < 0) missing.Add(_layout.Model ?? "Model");
        if (logTypeFilter is not null && _logType < 0) missing.Add(_layout.LogType ?? "Log Type");
        if (missing.Count > 0)
        {
            Dispose();
            throw new InputException(path, "1", $"missing column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} for the {format.ToString().ToLowerInvariant()} format", $"the header has: {string.Join(",", names)}; expected {_layout.Expected}");
        }
    }

    public bool RebaseToFirst => _layout.WallClock;

    public bool TryRead(out TraceRow row)
    {
        while (true)
        {
            bool more;
            try
            {
                more = _parser.Read();
            }
            catch (CsvFormatException e)
            {
                throw new InputException(_errors.Path, e.LineNumber.ToString(CultureInfo.InvariantCulture), $"malformed CSV: {FirstLine(e.Message)}");
            }

            if (!more)
            {
                if (!_anyRow)
                {
                    throw new InputException(_errors.Path, null, "the trace has a header but no data rows");
                }

                row = default;
                return false;
            }

            _anyRow = true;
            _diagnostics.RowsRead++;
            if (Parse(out row))
            {
                return true;
            }
        }
    }

    public void Dispose() => _parser.Dispose();

    private string? Field(int index) => index >= 0 && index < _parser.FieldCount ? _parser.GetString(index) : null;

    private bool Parse(out TraceRow row)
    {
        row = default;
        long line = _parser.LineNumber;
        if (_modelFilter is not null && !string.Equals(Field(_model)?.Trim(), _modelFilter, StringComparison.OrdinalIgnoreCase))
        {
            _diagnostics.FilteredOut++;
            return false;
        }

        if (_logTypeFilter is not null && !string.Equals(Field(_logType)?.Trim(), _logTypeFilter, StringComparison.OrdinalIgnoreCase))
        {
            _diagnostics.FilteredOut++;
            return false;
        }

        long? time = _layout.WallClock ? WallClock(line) : _errors.Time(line, _layout.Time, Field(_time), NsPerSecond);
        if (time is null)
        {
            return false;
        }

        var input = Tokens(line, _layout.Input, _input);
        if (input is null)
        {
            return false;
        }

        var output = Tokens(line, _layout.Output, _output);
        if (output is null)
        {
            return false;
        }

        long? id = null;
        if (_id >= 0)
        {
            id = _errors.Id(line, _layout.Id!, Field(_id));
            if (id is null)
            {
                return false;
            }
        }

        if (_layout.ZeroOutputIsFailure && output == 0)
        {
            _diagnostics.FailedRequestsSkipped++;
            return false;
        }

        row = new TraceRow(line, time.Value, input.Value, output.Value, id, null);
        return true;
    }

    /// <summary>A token count: plain digits straight from the field's UTF-8 bytes, anything else (whitespace, "128.0", bad
    /// values and their messages) through <see cref="RowErrors.Tokens"/>.</summary>
    private int? Tokens(long line, string column, int index)
    {
        if (index >= 0 && index < _parser.FieldCount && TraceFieldParsing.TryDigits(_parser.GetSpan(index), out int tokens) && tokens <= TraceLimits.MaxTokens)
        {
            return tokens;
        }

        return _errors.Tokens(line, column, Field(index));
    }

    private long? WallClock(long line)
    {
        long ticks;
        if (_time < _parser.FieldCount && TraceFieldParsing.TryUtcTicks(_parser.GetSpan(_time), out long fast))
        {
            ticks = fast;
        }
        else
        {
            var text = Field(_time);
            if (text is null || !DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var stamp))
            {
                _errors.Bad(line, _layout.Time, text, "is not a timestamp like 2023-11-16 18:15:46.6805150 or 2024-05-10 00:00:00.009930+00:00");
                return null;
            }

            ticks = stamp.UtcTicks;
        }

        _baseTicks ??= ticks;
        return (ticks - _baseTicks.Value) * NsPerTick;
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    private static Layout LayoutOf(TraceFormat format) => format switch
    {
        TraceFormat.Azure => new("TIMESTAMP", "ContextTokens", "GeneratedTokens", WallClock: true, Expected: "TIMESTAMP,ContextTokens,GeneratedTokens"),
        TraceFormat.Vidur => new("arrived_at", "num_prefill_tokens", "num_decode_tokens", Expected: "arrived_at,num_prefill_tokens,num_decode_tokens"),
        TraceFormat.BurstGpt => new("Timestamp", "Request tokens", "Response tokens", Model: "Model", LogType: "Log Type", ZeroOutputIsFailure: true, Expected: "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type"),
        TraceFormat.Splitwise => new("arrival_timestamp", "prompt_size", "token_size", Id: "request_id", IdRequired: true, Expected: "request_id,request_type,application_id,arrival_timestamp,batch_size,prompt_size,token_size"),
        TraceFormat.Generic => new("arrival_s", "input_tokens", "output_tokens", Id: "request_id", Expected: "arrival_s,input_tokens,output_tokens[,request_id]"),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a CSV trace format"),
    };

    private sealed record Layout(
        string Time,
        string Input,
        string Output,
        string? Id = null,
        bool IdRequired = false,
        string? Model = null,
        string? LogType = null,
        bool WallClock = false,
        bool ZeroOutputIsFailure = false,
        string Expected = "");
}
