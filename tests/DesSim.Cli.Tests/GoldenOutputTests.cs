using System.Security.Cryptography;
using System.Text;
using DesSim.Cli.Tests.Sweeps;

namespace DesSim.Cli.Tests;

/// <summary>
/// Golden outputs: every shipped scenario, a small sweep and a plan are run and the SHA-256 of each file they write is
/// compared with the hashes stored under <c>tests/DesSim.Cli.Tests/Golden/</c>. A refactoring must leave every byte as it
/// was; a change that moves results on purpose (a fidelity fix, a new default) regenerates the hashes in its own commit,
/// whose message names the change.
/// </summary>
/// <remarks>
/// Regenerate: <c>DESSIM_UPDATE_GOLDEN=1 dotnet test tests/DesSim.Cli.Tests --filter FullyQualifiedName~GoldenOutputTests</c>
/// (writes the hash files into the source tree, then passes). Hashes, not the files, are stored to keep the repository small;
/// on a mismatch the message lists each file whose bytes changed, and the run's files are left in the named temp folder.
/// </remarks>
[Category("Golden")]
public sealed class GoldenOutputTests
{
    /// <summary>Environment variable that turns the comparison into a regeneration.</summary>
    public const string UpdateVariable = "DESSIM_UPDATE_GOLDEN";

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    private static string GoldenDir() => Path.Combine(CliHost.RepoRoot(), "tests", "DesSim.Cli.Tests", "Golden");

    private static IEnumerable<string> ShippedScenarios() =>
        Directory.GetFiles(Path.Combine(CliHost.RepoRoot(), "scenarios"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(ShippedScenarios))]
    public void ShippedScenarioResultsAreUnchanged(string scenario)
    {
        string path = Path.Combine(CliHost.RepoRoot(), "scenarios", scenario + ".yaml");
        Check("run-" + scenario, outDir => ["run", path, "--out", outDir, "--quiet"]);
    }

    [Test]
    public void SmallSweepResultsAreUnchanged()
    {
        string dir = SweepFixture.NewDir();
        string scenario = SweepFixture.Write(dir, "tiny.yaml", SweepFixture.Scenario);
        string grid = SweepFixture.Write(dir, "grid.yaml", """
            layouts: [ { tp: 4 }, { tp: 2, dp: 2 } ]
            axes:
              workload.arrival.rate: [10, 40]
            """);
        Check("sweep-tiny", outDir => ["sweep", scenario, "--grid", grid, "--out", outDir]);
    }

    [Test]
    public void PlanResultsAreUnchanged() =>
        Check("plan-llama70b-h100-batch", outDir => ["plan", "--model", "llama-3.1-70b", "--gpu", "h100", "--gpus", "8", "--slo", "batch", "--objective", "latency", "--requests", "120", "--out", outDir]);

    private static void Check(string name, Func<string, string[]> args)
    {
        string outDir = Path.Combine(Directory.CreateTempSubdirectory("dessim-golden-").FullName, name);
        var (code, _, err) = CliTests.Run(args(outDir));
        Assert.That(code, Is.Zero, err);

        string actual = HashListing(outDir);
        string goldenFile = Path.Combine(GoldenDir(), name + ".sha256");
        if (Updating)
        {
            Directory.CreateDirectory(GoldenDir());
            File.WriteAllText(goldenFile, actual);
            Directory.Delete(Path.GetDirectoryName(outDir)!, recursive: true);
            return;
        }

        Assert.That(File.Exists(goldenFile), Is.True, $"no golden hashes for {name}: run with {UpdateVariable}=1 to create them");
        string expected = File.ReadAllText(goldenFile);
        if (expected != actual)
        {
            Assert.Fail($"results of {name} changed (files left in {outDir}); differing lines:\n{Diff(expected, actual)}\n"
                + $"If the change is intended, regenerate with {UpdateVariable}=1 in its own commit.");
        }

        Directory.Delete(Path.GetDirectoryName(outDir)!, recursive: true);
    }

    /// <summary>One line per file below <paramref name="dir"/>: SHA-256, two spaces, the relative path with '/' separators, ordinal order.</summary>
    internal static string HashListing(string dir)
    {
        var sb = new StringBuilder();
        foreach (string file in Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(dir, f).Replace(Path.DirectorySeparatorChar, '/'))
                     .Order(StringComparer.Ordinal))
        {
            byte[] hash = SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, file)));
            sb.Append(Convert.ToHexStringLower(hash)).Append("  ").Append(file).Append('\n');
        }

        return sb.ToString();
    }

    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var a = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return string.Join('\n', e.Except(a).Select(l => "- " + l).Concat(a.Except(e).Select(l => "+ " + l)));
    }
}
