using System.Text.Json;

namespace DesSim.Cli.Tests;

/// <summary>The shipped faults demo: a straggler and a replica failure lose no request, report retries, shade the
/// fault windows, and give byte-identical outputs on a second run.</summary>
public sealed class FaultScenarioTests
{
    private const int TraceRequests = 2867; // rows of traces/azure-conv-10min.csv (dessim trace stats)

    [Test]
    public void TheFaultsDemoCompletesEveryRequestDeterministically()
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "DesSim.sln")))
        {
            root = root.Parent!;
        }

        var scenario = Path.Combine(root.FullName, "scenarios", "faults-straggler-failure.yaml");
        var dir = Directory.CreateTempSubdirectory("dessim-faults-").FullName;
        try
        {
            var a = Path.Combine(dir, "a");
            var b = Path.Combine(dir, "b");
            Assert.That(CliTests.Run("run", scenario, "--out", a, "--quiet").Code, Is.Zero);
            Assert.That(CliTests.Run("run", scenario, "--out", b, "--quiet").Code, Is.Zero);
            foreach (var f in Directory.GetFiles(a).Select(Path.GetFileName))
            {
                Assert.That(File.ReadAllBytes(Path.Combine(b, f!)), Is.EqualTo(File.ReadAllBytes(Path.Combine(a, f!))), f);
            }

            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(a, "summary.json")));
            var s = summary.RootElement;
            Assert.That(s.GetProperty("requests_completed").GetInt64(), Is.EqualTo(TraceRequests), "no request lost");
            Assert.That(s.GetProperty("requests_rejected").GetInt64(), Is.Zero);
            var faults = s.GetProperty("faults");
            Assert.That(faults.GetProperty("retries").GetInt64(), Is.GreaterThan(0));
            Assert.That(faults.GetProperty("e2el_hit_ms").GetDouble(), Is.GreaterThan(0), "a retry costs latency");
            var report = File.ReadAllText(Path.Combine(a, "report.html"));
            Assert.That(report, Does.Contain("straggler GPU 0 x3").And.Contain("replica 1 down"), "fault windows are shaded and labelled");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
