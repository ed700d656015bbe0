using System.Globalization;
using System.Text.Json;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>Reads the result file of <c>vllm bench serve --save-result</c> as a <see cref="ServingRun"/>.</summary>
/// <remarks>
/// Keys as vLLM's <c>vllm/benchmarks/serve.py</c> (v0.12) writes them: <c>model_id</c>, <c>max_concurrency</c> (null when
/// unbounded), <c>request_rate</c> (a number or <c>"inf"</c>), <c>completed</c>, the aggregates <c>mean_ttft_ms</c> and
/// <c>mean_tpot_ms</c>, and per request <c>input_lens</c>, <c>output_lens</c>, <c>ttfts</c> (s) and <c>itls</c> (lists of s).
/// The per-request lists win when present: TTFT is their mean over requests with an output, TPOT the mean over requests
/// with more than one output token of Σ itls / (output − 1) (serve.py <c>calculate_metrics</c>); otherwise the aggregates
/// are used. The deployment is not in vLLM's keys: give it with <c>--metadata</c>, which serve.py copies into the file's top
/// level: <c>gpu</c> and <c>tp</c> (required), <c>pp</c>, <c>precision</c> (default bf16), <c>engine</c> (default vllm),
/// <c>engine_version</c>, <c>split</c> (fit | holdout, default fit). A missing or malformed key is an input error naming it.
/// </remarks>
public static class VllmBenchJsonReader
{
    private const string MetadataHint = "vllm bench serve ... --save-result --metadata gpu=h100 tp=2 precision=bf16 engine_version=0.12.0";

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InputException">Not JSON, or a key is missing or malformed.</exception>
    public static ServingRun Read(string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InputException(path, null, "is not JSON: " + e.Message, "give the file written by vllm bench serve --save-result");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(path, null, "is not a JSON object", "give the file written by vllm bench serve --save-result");
            }

            string model = Text(root, path, "model_id") ?? throw Missing(path, "model_id", "the served model's name, e.g. Qwen/Qwen3-32B");
            if (Model.ModelCatalog.TryGet(model) is null)
            {
                throw new InputException(path, "model_id", $"'{model}' is not a catalog model", "see docs/models.md, or add it to the catalog");
            }

            string gpu = Text(root, path, "gpu") ?? throw Missing(path, "gpu", MetadataHint);
            int tp = PositiveInt(root, path, "tp") ?? throw Missing(path, "tp", MetadataHint);
            int pp = PositiveInt(root, path, "pp") ?? 1;
            string precision = Text(root, path, "precision") ?? "bf16";
            string engine = Text(root, path, "engine") ?? "vllm";
            string? version = Text(root, path, "engine_version");
            string split = (Text(root, path, "split") ?? "fit").ToLowerInvariant();
            if (split is not ("fit" or "holdout"))
            {
                throw new InputException(path, "split", $"'{split}' is not fit or holdout");
            }

            int? concurrency = root.TryGetProperty("max_concurrency", out var mc) && mc.ValueKind != JsonValueKind.Null ? PositiveInt(root, path, "max_concurrency") : null;
            double? rate = Rate(root, path);
            var (inputs, outputs, ttftMs, tpotMs, completed) = Latencies(root, path);
            var measured = new MeasuredRun(
                Path.GetFileNameWithoutExtension(path),
                model,
                gpu,
                precision,
                tp,
                pp,
                concurrency ?? completed,
                inputs,
                outputs,
                ttftMs,
                tpotMs,
                split == "holdout",
                path);
            return new ServingRun(measured, completed, concurrency, rate, engine, version);
        }
    }

    // Per-request lists when present (the means of serve.py calculate_metrics), else the aggregate keys.
    private static (int Input, int Output, double? Ttft, double? Tpot, int Completed) Latencies(JsonElement root, string path)
    {
        var inputs = Numbers(root, path, "input_lens");
        var outputs = Numbers(root, path, "output_lens");
        var ttfts = Numbers(root, path, "ttfts");
        double? ttft = Number(root, path, "mean_ttft_ms"), tpot = Number(root, path, "mean_tpot_ms");
        int completed = PositiveInt(root, path, "completed") ?? outputs?.Count(o => o > 0) ?? 0;
        if (inputs is null || outputs is null || inputs.Length != outputs.Length || inputs.Length == 0)
        {
            throw new InputException(path, "input_lens", "needs input_lens and output_lens of equal, non-zero length", "save the result with vllm bench serve --save-result (it writes the per-request lists)");
        }

        var ok = Enumerable.Range(0, outputs.Length).Where(i => outputs[i] > 0).ToArray();
        if (ok.Length == 0)
        {
            throw new InputException(path, "output_lens", "no request completed");
        }

        if (ttfts is not null)
        {
            if (ttfts.Length != outputs.Length)
            {
                throw new InputException(path, "ttfts", $"has {ttfts.Length} entries for {outputs.Length} requests");
            }

            ttft = ok.Average(i => ttfts[i]) * 1e3;
        }

        if (root.TryGetProperty("itls", out var itls) && itls.ValueKind == JsonValueKind.Array && itls.GetArrayLength() == outputs.Length && itls.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0))
        {
            var per = new List<double>();
            int i = 0;
            foreach (var e in itls.EnumerateArray())
            {
                if (outputs[i] > 1 && e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0)
                {
                    per.Add(e.EnumerateArray().Sum(x => Finite(x, path, "itls")) / (outputs[i] - 1));
                }

                i++;
            }

            if (per.Count > 0)
            {
                tpot = per.Average() * 1e3;
            }
        }

        if (ttft is null && tpot is null)
        {
            throw Missing(path, "mean_ttft_ms", "the file has neither ttfts nor mean_ttft_ms / mean_tpot_ms");
        }

        if (ttft <= 0 || tpot <= 0)
        {
            throw new InputException(path, ttft <= 0 ? "mean_ttft_ms" : "mean_tpot_ms", "must be positive");
        }

        int input = (int)Math.Round(ok.Average(i => inputs[i]), MidpointRounding.AwayFromZero);
        int output = (int)Math.Round(ok.Average(i => outputs[i]), MidpointRounding.AwayFromZero);
        return (Math.Max(1, input), Math.Max(1, output), ttft, tpot, completed > 0 ? completed : ok.Length);
    }

    private static double? Rate(JsonElement root, string path)
    {
        if (!root.TryGetProperty("request_rate", out var r) || r.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (r.ValueKind == JsonValueKind.String && r.GetString() is { } s)
        {
            return s.Equals("inf", StringComparison.OrdinalIgnoreCase) ? null
                : double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v
                : throw new InputException(path, "request_rate", $"'{s}' is not a rate or inf");
        }

        double rate = Finite(r, path, "request_rate");
        return rate > 0 ? rate : throw new InputException(path, "request_rate", "must be positive or inf");
    }

    private static InputException Missing(string path, string key, string hint) => new(path, key, "is missing", hint);

    // A metadata value may be a JSON string or number (serve.py keeps --metadata values as strings).
    private static string? Text(JsonElement root, string path, string key)
    {
        if (!root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s.Trim() : null,
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new InputException(path, key, "must be a string"),
        };
    }

    private static int? PositiveInt(JsonElement root, string path, string key)
    {
        var t = Text(root, path, key);
        if (t is null)
        {
            return null;
        }

        return int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new InputException(path, key, $"'{t}' is not a positive integer");
    }

    private static double? Number(JsonElement root, string path, string key) =>
        root.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null ? Finite(v, path, key) : null;

    private static double[]? Numbers(JsonElement root, string path, string key)
    {
        if (!root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new InputException(path, key, "must be a list of numbers");
        }

        return v.EnumerateArray().Select(e => Finite(e, path, key)).ToArray();
    }

    private static double Finite(JsonElement e, string path, string key) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var d) && double.IsFinite(d) && d >= 0 ? d : throw new InputException(path, key, $"'{e.GetRawText()}' is not a non-negative number");
}
