using DesSim.Core.Configuration;
using System.Text;
using CsvHelper;

namespace DesSim.Core.Workload;

/// <summary>Opening trace files and detecting their format from extension and header.</summary>
public static class TraceFiles
{
    private const int BufferBytes = 1 << 16; // 64 KiB read buffer: large sequential reads, bounded memory

    /// <summary>Detects the format of <paramref name="path"/>: <c>.jsonl</c> or a line starting with <c>{</c> is Mooncake; CSV formats by their header.</summary>
    /// <exception cref="InputException">Missing, empty, or no known header.</exception>
    public static TraceFormat Detect(string path)
    {
        using var reader = OpenText(path);
        string? first;
        do
        {
            first = reader.ReadLine();
        }
        while (first is not null && string.IsNullOrWhiteSpace(first));

        if (first is null)
        {
            throw new InputException(path, null, "the file is empty");
        }

        first = first.Trim().TrimStart('\uFEFF');
        if (first.StartsWith('{') || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return TraceFormat.Mooncake;
        }

        var cols = first.Split(',').Select(c => c.Trim().Trim('"')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (cols.Contains("ContextTokens") && cols.Contains("GeneratedTokens"))
        {
            return TraceFormat.Azure;
        }

        if (cols.Contains("arrived_at") && cols.Contains("num_prefill_tokens"))
        {
            return TraceFormat.Vidur;
        }

        if (cols.Contains("Request tokens") && cols.Contains("Response tokens"))
        {
            return TraceFormat.BurstGpt;
        }

        if (cols.Contains("arrival_timestamp") && cols.Contains("prompt_size"))
        {
            return TraceFormat.Splitwise;
        }

        if (cols.Contains("arrival_s") && cols.Contains("input_tokens"))
        {
            return TraceFormat.Generic;
        }

        throw new InputException(path, "1", $"unknown trace format (header: {Shorten(first)})", "expected an Azure, Vidur, BurstGPT, SplitwiseSim, generic (arrival_s,input_tokens,output_tokens) CSV or Mooncake JSONL; or set format:");
    }

    /// <summary>Parses a format name (auto, azure, vidur, mooncake, burstgpt, splitwise, generic).</summary>
    public static TraceFormat? ParseFormat(string name) => name.Trim().ToLowerInvariant() switch
    {
        "auto" => TraceFormat.Auto,
        "azure" => TraceFormat.Azure,
        "vidur" => TraceFormat.Vidur,
        "mooncake" => TraceFormat.Mooncake,
        "burstgpt" => TraceFormat.BurstGpt,
        "splitwise" => TraceFormat.Splitwise,
        "generic" => TraceFormat.Generic,
        _ => null,
    };

    /// <summary>The format names accepted by <see cref="ParseFormat"/>.</summary>
    public static IReadOnlyList<string> FormatNames { get; } = ["auto", "azure", "vidur", "mooncake", "burstgpt", "splitwise", "generic"];

    internal static StreamReader OpenText(string path)
    {
        return new StreamReader(OpenStream(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferBytes);
    }

    internal static CsvReader OpenCsv(string path)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
        };
        return CsvReader.Create(OpenStream(path), options, leaveOpen: false);
    }

    internal static FileStream OpenStream(string path) => InputFiles.OpenRead(path, BufferBytes);

    internal static ITraceRowReader OpenRows(string path, TraceFormat format, bool skipInvalid, WorkloadDiagnostics diagnostics, string? model = null, string? logType = null)
    {
        if (format == TraceFormat.Auto)
        {
            format = Detect(path);
        }

        return format == TraceFormat.Mooncake
            ? new MooncakeTraceReader(path, skipInvalid, diagnostics)
            : new CsvTraceReader(path, format, skipInvalid, diagnostics, model, logType);
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
