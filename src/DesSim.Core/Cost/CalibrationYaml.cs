using System.Globalization;
using System.Text;
using DesSim.Core.Configuration;
using DesSim.Core.Hardware;
using YamlDotNet.RepresentationModel;
using DesSim.Core.Units;

namespace DesSim.Core.Cost;

/// <summary>Writes and reads a <see cref="CalibrationProfile"/> as YAML (the file a scenario's <c>calibration:</c> key names).</summary>
/// <remarks>
/// Keys: <c>gpu</c>; <c>kernels</c>: list of <c>{ op, coefficients: [..], log10_ideal_s: [min, max], log10_balance: [min, max] }</c> (see <see cref="EfficiencyCurve"/>); <c>collectives</c>:
/// list of <c>{ op, gpus, alpha_us, bandwidth_gbyte_s }</c> (GB/s; the older <c>bandwidth_gbps</c>, the same GB/s, is read with a note). Fit-quality keys (<c>samples, r2, median_rel_err, max_rel_err</c>)
/// are written for reading and ignored on load. Numbers round-trip exactly (R format).
/// </remarks>
public static class CalibrationYaml
{
    private static readonly string[] QualityKeys = ["samples", "r2", "median_rel_err", "max_rel_err"];

    /// <summary>The kernel ops a calibration curve can price (what <see cref="CalibratedKernelTimer"/> reads and the importers write).</summary>
    public static readonly IReadOnlyList<string> KernelOps = ["gemm", "gemm_fp8", "attention_prefill", "attention_decode", "elementwise"];

    /// <summary>The YAML text of <paramref name="p"/>, with <paramref name="header"/> lines as comments.</summary>
    public static string Write(CalibrationProfile p, IEnumerable<string> header)
    {
        var sb = new StringBuilder();
        foreach (var h in header)
        {
            sb.Append("# ").AppendLine(h);
        }

        sb.Append(Inv($"gpu: {YamlText.Quote(p.Gpu)}\n"));
        // Why "[]" when empty: a bare "key:" reads back as null, not as an empty list (a GEMM-only fit has no collectives).
        sb.Append(p.Curves.Count == 0 ? "kernels: []\n" : "kernels:\n");
        foreach (var c in p.Curves)
        {
            sb.Append(Inv($"  - {{ op: {c.Op}, coefficients: [{string.Join(", ", c.Coefficients.Select(R))}], log10_ideal_s: [{R(c.LogIdealMin)}, {R(c.LogIdealMax)}], log10_balance: [{R(c.LogBalanceMin)}, {R(c.LogBalanceMax)}], {Quality(c.Quality)} }}\n"));
        }

        sb.Append(p.Collectives.Count == 0 ? "collectives: []\n" : "collectives:\n");
        foreach (var c in p.Collectives)
        {
            sb.Append(Inv($"  - {{ op: {c.Op}, gpus: {c.Gpus}, alpha_us: {R(c.AlphaSeconds * 1e6)}, bandwidth_gbyte_s: {R(c.Bandwidth.GigabytesPerSecond)}, {Quality(c.Quality)} }}\n"));
        }

        return sb.ToString();
    }

    /// <summary>Reads the calibration file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="notes">Where notes about the file (a deprecated key) go, prefixed with its name; null: dropped.</param>
    /// <exception cref="InputException">Missing file, bad YAML or a bad key (with the key path).</exception>
    public static CalibrationProfile Load(string path, InputNotes? notes = null)
    {
        var root = YamlDocumentLoader.Load(path);
        var gpuName = root.RequireString("gpu");
        if (GpuCatalog.TryGet(gpuName) is null)
        {
            throw root.Error("gpu", $"unknown GPU '{gpuName}'", GpuCatalog.UnknownHint(gpuName));
        }

        var curves = new List<EfficiencyCurve>();
        foreach (var (s, _) in Items(root, "kernels"))
        {
            var coeffs = s.GetDoubleList("coefficients") ?? throw s.Error("coefficients", "is required");
            var range = s.GetDoubleList("log10_ideal_s") ?? throw s.Error("log10_ideal_s", "is required");
            if (coeffs.Count == 0 || range.Count != 2 || range[0] > range[1])
            {
                throw s.Error(coeffs.Count == 0 ? "coefficients" : "log10_ideal_s", "expected a non-empty coefficient list and [min, max] with min ≤ max");
            }

            var balance = s.GetDoubleList("log10_balance") ?? [0, 0];
            if (balance.Count != 2 || balance[0] > balance[1] || coeffs.Count > EfficiencyCurve.Terms)
            {
                throw s.Error(balance.Count != 2 || balance[0] > balance[1] ? "log10_balance" : "coefficients", $"expected [min, max] with min ≤ max and at most {EfficiencyCurve.Terms} coefficients");
            }

            var op = s.RequireString("op");
            if (!KernelOps.Contains(op))
            {
                throw s.Error("op", $"unknown kernel op '{op}'", $"one of {string.Join(", ", KernelOps)}");
            }

            curves.Add(new EfficiencyCurve(op, coeffs.ToArray(), range[0], range[1], NoQuality, balance[0], balance[1]));
            s.MarkKnown(QualityKeys);
            s.RejectUnknownKeys();
        }

        var collectives = new List<AlphaBetaFit>();
        foreach (var (s, _) in Items(root, "collectives"))
        {
            var op = s.RequireString("op");
            if (op.Length == 0 || !op.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                throw s.Error("op", $"'{op}' is not a collective name (lower-case letters, digits and _, e.g. all_reduce)");
            }

            var bandwidthKey = s.Spelling("bandwidth_gbyte_s", "bandwidth_gbps", "GB/s");
            collectives.Add(new AlphaBetaFit(
                op,
                s.GetInt("gpus", min: 1, max: 1 << 20) ?? throw s.Error("gpus", "is required"),
                (s.GetDouble("alpha_us", min: 0, max: InputRanges.MaxLatencyUs) ?? throw s.Error("alpha_us", "is required")) / 1e6,
                BytesPerSecond.FromGigabytesPerSecond(s.GetDouble(bandwidthKey, min: InputRanges.MinBandwidthGbps, max: InputRanges.MaxBandwidthGbps) ?? throw s.Error(bandwidthKey, "is required (GB/s)")),
                NoQuality));
            s.MarkKnown(QualityKeys);
            s.RejectUnknownKeys();
        }

        root.RejectUnknownKeys();
        notes?.AddFrom(root.Notes, $"calibration {Path.GetFileName(path)}: ");
        return new CalibrationProfile(gpuName, curves, collectives);
    }

    /// <summary>Reads a scenario's <c>calibration:</c> key (a path relative to <paramref name="scenarioDirectory"/>) for
    /// <paramref name="gpu"/>; null when absent.</summary>
    /// <exception cref="InputException">The file is bad, or was measured on another GPU.</exception>
    public static CalibrationProfile? ReadKey(YamlSection root, string scenarioDirectory, GpuSpec gpu)
    {
        if (root.GetString("calibration") is not { Length: > 0 } rel)
        {
            return null;
        }

        var path = Path.IsPathRooted(rel) ? rel : Path.Combine(scenarioDirectory, rel);
        if (!File.Exists(path))
        {
            throw root.Error("calibration", $"file '{rel}' not found", "write one with: dessim calibrate --from DIR --gpu NAME --out calib.yaml");
        }

        var p = Load(path, root.Notes);
        return GpuCatalog.TryGet(p.Gpu)?.Name == gpu.Name
            ? p
            : throw root.Error("calibration", $"'{rel}' was measured on {p.Gpu}, but the cluster's GPU is {gpu.Name}", "calibrate from measurements of this GPU");
    }

    private static FitStats NoQuality => new(0, double.NaN, double.NaN, double.NaN);

    private static IEnumerable<(YamlSection Section, int Index)> Items(YamlSection root, string key)
    {
        // Why: "key:" with nothing after it (or "~") is an empty list, as "key: []" is.
        var list = root.GetNode(key) is YamlScalarNode { Value: null or "" or "~" or "null" } ? [] : root.GetList(key) ?? [];
        for (int i = 0; i < list.Count; i++)
        {
            var path = root.PathOf($"{key}[{i}]");
            yield return list[i] is YamlMappingNode m
                ? (new YamlSection(m, root.File, path, root.Notes), i)
                : throw root.Error(list[i], path, "expected a mapping");
        }
    }

    private static string Quality(FitStats q) =>
        Inv($"samples: {q.Count}, r2: {Num(q.RSquared)}, median_rel_err: {Num(q.MedianAbsRelativeError)}, max_rel_err: {Num(q.MaxAbsRelativeError)}");

    private static string Num(double v) => double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : ".nan";

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
