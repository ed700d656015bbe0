using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.Workload;

/// <summary>Temp files, the repository root, and helpers to open and drain workloads.</summary>
internal static class WorkloadTestKit
{
    /// <summary>This test process's scratch root (deleted by <see cref="WorkloadTempCleanup"/>).</summary>
    public static readonly string TempRoot = Path.Combine(Path.GetTempPath(), "dessim-workload-tests-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string TempDir()
    {
        var dir = Path.Combine(TempRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string Write(string name, string text)
    {
        var path = Path.Combine(TempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DesSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public static string Sample(string name) => Path.Combine(RepoRoot(), "traces", name);

    public static List<RequestSpec> Drain(IRequestSource source)
    {
        var list = new List<RequestSpec>();
        while (source.TryNext(out var r))
        {
            list.Add(r);
        }

        return list;
    }

    public static (List<RequestSpec> Requests, WorkloadDiagnostics Diagnostics) Replay(TraceWorkloadSpec spec, ulong seed = 1)
    {
        using var opened = WorkloadFactory.Open(spec, new RandomStreams(seed));
        var list = Drain(opened.Source);
        Assert.That(opened.Source.IsExhausted, Is.True);
        return (list, opened.Diagnostics);
    }

    public static (List<RequestSpec> Requests, WorkloadDiagnostics Diagnostics) Replay(string path, TraceFormat format = TraceFormat.Auto) =>
        Replay(new TraceWorkloadSpec(path, format));

    public static WorkloadSpec ReadYaml(string yaml, string? dir = null)
    {
        var root = YamlDocumentLoader.Parse(yaml, "scenario.yaml");
        var workload = root.GetSection("workload")!;
        return WorkloadSpecReader.Read(workload, dir ?? TempDir());
    }

    public static long Ns(double seconds) => SimTime.FromSeconds(seconds).Nanoseconds;
}
