using DesSim.Core.Cost;
using System.Globalization;
using DesSim.Core;
using DesSim.Core.Fidelity.Calibration;
using DesSim.Core.Hardware;
using DesSim.Reporting.Charts;
using DesSim.Reporting.Output;

namespace DesSim.Cli.Commands;

/// <summary>The <c>calibrate --from</c> half: import tables, fit curves and alpha-beta, print quality, write YAML and a fit plot.</summary>
public static class CalibrateFromCommand
{
    /// <summary>Most points drawn per series in the fit plot (the fit itself uses every sample).</summary>
    public const int MaxPointsPerSeries = 1500;

    /// <summary>Imports <paramref name="paths"/> for <paramref name="gpu"/>, fits, and writes <paramref name="outPath"/> and <paramref name="plotPath"/>.</summary>
    public static void Run(IReadOnlyList<string> paths, GpuSpec gpu, string outPath, string plotPath, TextWriter o)
    {
        using var outputs = new OutputTransaction();
        foreach (var p in paths)
        {
            outputs.Input(p, "a --from input");
        }

        var yamlOut = outputs.File(outPath, "--out");
        var plotOut = outputs.File(plotPath, "--plot");
        var token = (gpu.ProfileKey ?? gpu.Aliases.FirstOrDefault() ?? gpu.Name).Split('_', '-')[0].ToLowerInvariant();
        var data = ProfileImporter.Import(paths, token);
        foreach (var f in data.Files)
        {
            o.WriteLine(f);
        }

        if (data.Kernels.Count == 0 && data.Collectives.Count == 0)
        {
            throw new InputException(string.Join(", ", paths), null, $"no measurements for {gpu.Name} found", "give aiconfigurator or vidur tables, or nccl-tests output");
        }

        var profile = CalibrationFitter.Fit(gpu, data);
        var lines = Quality(profile);
        foreach (var l in lines)
        {
            o.WriteLine(l);
        }

        var header = new[] { $"DesSim calibration for {gpu.Name}: dessim calibrate --from {string.Join(" ", paths.Select(Path.GetFileName))}" }.Concat(lines);
        var yaml = CalibrationYaml.Write(profile, header);
        var image = ChartFiles.Encode(plotPath, Plot(gpu, data, profile));
        yamlOut.Write(s => s.Write(System.Text.Encoding.UTF8.GetBytes(yaml)));
        plotOut.Write(s => s.Write(image));
        outputs.Commit();
        o.WriteLine($"wrote {outPath} and {plotPath}");
    }

    /// <summary>One line per curve and collective fit: samples, R², median and max relative error.</summary>
    public static IReadOnlyList<string> Quality(CalibrationProfile p)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string> { string.Create(inv, $"{"fit",-30} {"n",6} {"R2",7} {"median |err|",12} {"max |err|",10}") };
        foreach (var c in p.Curves)
        {
            lines.Add(Row($"kernel {c.Op}", c.Quality));
        }

        foreach (var c in p.Collectives)
        {
            lines.Add(Row(string.Create(inv, $"{c.Op} x{c.Gpus} (a={c.AlphaSeconds * 1e6:F1}us, B={c.Bandwidth.GigabytesPerSecond:F0}GB/s)"), c.Quality));
        }

        return lines;

        string Row(string name, FitStats q) => string.Create(inv, $"{name,-30} {q.Count,6} {q.RSquared,7:F3} {q.MedianAbsRelativeError * 100,11:F1}% {q.MaxAbsRelativeError * 100,9:F1}%");
    }

    /// <summary>Log-log scatter of fitted vs measured seconds per op class and collective, with y = x.</summary>
    public static Chart Plot(GpuSpec gpu, ImportedProfiles data, CalibrationProfile p)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(p);
        var series = new List<(string, IReadOnlyList<double>, IReadOnlyList<double>)>();
        foreach (var c in p.Curves)
        {
            var pts = data.Kernels.Where(k => (k.Op == "gemm" && k.LowPrecision ? "gemm_fp8" : k.Op) == c.Op)
                .Select(k =>
                {
                    var (compute, memory) = CalibrationProfile.IdealTimes(gpu, k.Flops, k.Bytes, k.LowPrecision);
                    return (M: k.Seconds, F: c.Seconds(compute, memory));
                }).ToArray();
            pts = Thin(pts);
            series.Add((c.Op, pts.Select(x => x.M).ToArray(), pts.Select(x => x.F).ToArray()));
        }

        foreach (var g in p.Collectives.GroupBy(c => c.Op).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var pts = data.Collectives.Where(s => s.Op == g.Key)
                .Select(s => (S: s, Fit: g.FirstOrDefault(f => f.Gpus == s.Gpus)))
                .Where(x => x.Fit is not null)
                .Select(x => (M: x.S.Seconds, F: x.Fit!.Seconds(x.S.Bytes))).ToArray();
            pts = Thin(pts);
            series.Add((g.Key, pts.Select(x => x.M).ToArray(), pts.Select(x => x.F).ToArray()));
        }

        return StudyCharts.PredictedVsMeasured($"Calibration fit: {gpu.Name}", "s", series, "fitted");
    }

    // Why: tables hold up to ~10⁵ samples; every k-th point (deterministic) keeps the SVG small and still shows the spread.
    private static (double M, double F)[] Thin((double M, double F)[] pts) =>
        pts.Length <= MaxPointsPerSeries ? pts : pts.Where((_, i) => i % ((pts.Length / MaxPointsPerSeries) + 1) == 0).ToArray();
}
