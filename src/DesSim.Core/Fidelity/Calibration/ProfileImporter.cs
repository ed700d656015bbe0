using DesSim.Core.Cost;
using System.Globalization;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>Imports measurement files for one GPU: aiconfigurator and vidur CSV tables (recognized by their header) and
/// nccl-tests text output (<c>.txt</c>/<c>.log</c>/<c>.out</c>).</summary>
/// <remarks>
/// A directory is searched recursively in ordinal path order. Files whose path names another GPU (a100, a40, h100, h200,
/// b200, l40s, mi300 as a path segment prefix, e.g. <c>a100_dgx</c>) are skipped, so a whole profiles tree can be given
/// with <c>--gpu</c>. Unrecognized CSV headers are skipped with a note; malformed recognized files fail with an
/// <see cref="InputException"/>.
/// </remarks>
public static class ProfileImporter
{
    private static readonly string[] GpuTokens = ["a100", "a40", "h100", "h200", "b200", "l40s", "l40", "l4", "mi300"];

    /// <summary>Imports <paramref name="paths"/> (files or directories) for GPU token <paramref name="gpuToken"/> (e.g. h100).</summary>
    public static ImportedProfiles Import(IEnumerable<string> paths, string gpuToken)
    {
        var kernels = new List<KernelSample>();
        var collectives = new List<CollectiveSample>();
        var notes = new List<string>();
        foreach (var p in paths)
        {
            IEnumerable<string> files = Directory.Exists(p)
                ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                : File.Exists(p) ? [p] : throw new InputException(p, null, "no such file or directory");
            foreach (var f in files)
            {
                var other = OtherGpu(Path.GetRelativePath(Directory.Exists(p) ? p : Path.GetDirectoryName(Path.GetFullPath(p))!, f), gpuToken);
                if (Directory.Exists(p) && other is not null)
                {
                    continue;
                }

                ImportFile(f, kernels, collectives, notes);
            }
        }

        return new ImportedProfiles(kernels, collectives, notes);
    }

    private static void ImportFile(string f, List<KernelSample> kernels, List<CollectiveSample> collectives, List<string> notes)
    {
        var ext = Path.GetExtension(f).ToLowerInvariant();
        if (ext is ".txt" or ".log" or ".out")
        {
            var s = NcclTestsReader.Read(f);
            collectives.AddRange(s);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{f}: nccl-tests, {s.Count} sizes"));
            return;
        }

        if (ext != ".csv")
        {
            return;
        }

        var t = CsvTable.Load(f);
        int k0 = kernels.Count, c0 = collectives.Count;
        string kind;
        if (AiconfiguratorTables.IsGemm(t))
        {
            kind = "aiconfigurator GEMM";
            kernels.AddRange(AiconfiguratorTables.Gemm(t));
        }
        else if (AiconfiguratorTables.IsAttention(t))
        {
            bool context = Path.GetFileName(f).Contains("context", StringComparison.OrdinalIgnoreCase);
            kind = $"aiconfigurator {(context ? "context" : "generation")} attention";
            kernels.AddRange(AiconfiguratorTables.Attention(t, context));
        }
        else if (AiconfiguratorTables.IsCollective(t))
        {
            kind = t.Has("allreduce_dtype") ? "aiconfigurator custom all-reduce" : "aiconfigurator NCCL";
            collectives.AddRange(AiconfiguratorTables.Collectives(t));
        }
        else if (VidurTables.IsMlp(t))
        {
            kind = "vidur mlp";
            kernels.AddRange(VidurTables.Mlp(t));
        }
        else if (VidurTables.IsNetwork(t))
        {
            // Why: vidur measured the same GPU on two fabrics; keep them apart (NVLink pairs + PCIe vs NVSwitch).
            bool pairs = f.Contains("pairwise", StringComparison.OrdinalIgnoreCase);
            kind = pairs ? "vidur network (NVLink pairs)" : "vidur network";
            collectives.AddRange(VidurTables.Network(t).Select(c => pairs ? c with { Op = c.Op + "_nvlink_pairs" } : c));
        }
        else if (VidurTables.IsLegacyAttention(t))
        {
            kind = "vidur attention";
            kernels.AddRange(VidurTables.LegacyAttention(t));
        }
        else
        {
            notes.Add($"{f}: skipped (header not recognized)");
            return;
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{f}: {kind}, {kernels.Count - k0} kernel and {collectives.Count - c0} collective samples"));
    }

    private static string? OtherGpu(string relativePath, string gpuToken)
    {
        foreach (var segment in relativePath.ToLowerInvariant().Split(['/', '\\']))
        {
            var hit = GpuTokens.FirstOrDefault(g => segment.StartsWith(g, StringComparison.Ordinal) && (segment.Length == g.Length || !char.IsDigit(segment[g.Length])));
            if (hit is not null)
            {
                return hit == gpuToken ? null : hit;
            }
        }

        return null;
    }
}
