using System.Security.Cryptography;
using System.Text;

namespace DesSim.Cli.Tests.Golden;

/// <summary>
/// Golden outputs: every shipped scenario (with <c>--report</c>), a small sweep and a small plan are run in this process
/// and the SHA-256 of every file they write is compared with the list committed beside this file
/// (<c>Golden/&lt;case&gt;.sha256</c>, one <c>hash  relative/path</c> line per file, ordinal order).
/// </summary>
/// <remarks>
/// A refactoring must leave every byte alone. A change that alters results on purpose (a fidelity fix) regenerates the
/// lists in its own commit, saying why: <c>DESSIM_UPDATE_GOLDEN=1 dotnet test tests/DesSim.Cli.Tests --filter
/// FullyQualifiedName~Golden</c> rewrites them in the source tree (and the test then passes).
/// </remarks>
public sealed class GoldenOutputTests
{
    /// <summary>Set to 1 to rewrite the golden lists from this build's outputs.</summary>
    public const string UpdateVariable = "DESSIM_UPDATE_GOLDEN";

    /// <summary>A golden case: its name (the list's file name) and the CLI arguments before <c>--out</c>.</summary>
    public sealed record GoldenCase(string Name, string[] Args)
    {
        /// <inheritdoc />
        public override string ToString() => Name;
    }

    private static string GoldenDir => Path.Combine(CliHost.RepoRoot(), "tests", "DesSim.Cli.Tests", "Golden");

    private static IEnumerable<GoldenCase> Cases()
    {
        string root = CliHost.RepoRoot();
        foreach (string file in Directory.GetFiles(Path.Combine(root, "scenarios"), "*.yaml").Order(StringComparer.Ordinal))
        {
            yield return new GoldenCase("run-" + Path.GetFileNameWithoutExtension(file), ["run", file, "--report", "--quiet"]);
        }

        yield return new GoldenCase(
            "sweep-llama70b-h100-chat",
            ["sweep", Path.Combine(root, "scenarios", "llama70b-h100-chat.yaml"), "--grid", Path.Combine(GoldenDir, "sweep-grid.yaml"),
             "--set", "workload.requests=300", "--jobs", "2", "--report"]);
        yield return new GoldenCase(
            "plan-llama-3.1-70b-4xh100-chat",
            ["plan", "--model", "llama-3.1-70b", "--gpu", "h100", "--gpus", "4", "--slo", "chat", "--requests", "100", "--jobs", "2", "--report"]);
    }

    [TestCaseSource(nameof(Cases))]
    public void OutputsMatchTheGoldenHashes(GoldenCase golden)
    {
        var dir = Directory.CreateTempSubdirectory("dessim-golden-").FullName;
        try
        {
            string outDir = Path.Combine(dir, "out");
            var (code, _, err) = CliTests.Run([.. golden.Args, "--out", outDir]);
            Assert.That(code, Is.Zero, err);
            string actual = HashList(outDir);
            string listPath = Path.Combine(GoldenDir, golden.Name + ".sha256");
            if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            {
                File.WriteAllText(listPath, actual);
                return;
            }

            Assert.That(File.Exists(listPath), Is.True, $"{listPath} is missing: run with {UpdateVariable}=1 to create it");
            Assert.That(actual, Is.EqualTo(File.ReadAllText(listPath)),
                $"outputs of '{golden.Name}' differ from {listPath}; if the change is intended, rerun with {UpdateVariable}=1 and commit the list with the reason");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>One <c>sha256  path</c> line per result file under <paramref name="dir"/> (dot-files such as the sweep's lock
    /// skipped), paths relative with '/', ordinal order.</summary>
    private static string HashList(string dir)
    {
        var text = new StringBuilder();
        var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Where(rel => !rel.Split('/').Any(part => part.StartsWith('.'))) // lock files and staging, not results
            .Order(StringComparer.Ordinal);
        foreach (string rel in files)
        {
            byte[] hash = SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, rel)));
            text.Append(Convert.ToHexStringLower(hash)).Append("  ").Append(rel).Append('\n');
        }

        return text.ToString();
    }
}
