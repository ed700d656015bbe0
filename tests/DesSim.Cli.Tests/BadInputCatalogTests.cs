using System.Security.Cryptography;

namespace DesSim.Cli.Tests;

/// <summary>Every row of <see cref="BadInputCatalog"/> through the real CLI entry: exit 2, one line naming the
/// file/key/line, no stack trace, and no file in the scratch directory created or modified.</summary>
public sealed class BadInputCatalogTests
{
    [TestCaseSource(typeof(BadInputCatalog), nameof(BadInputCatalog.All))]
    [TestCaseSource(typeof(HostileInputCatalog), nameof(HostileInputCatalog.All))]
    public void BadInputExitsTwoWithOneLineAndWritesNothing(BadInputCatalog.Case c)
    {
        var dir = Directory.CreateTempSubdirectory("dessim-bad-").FullName;
        try
        {
            foreach (var (name, text) in c.Files)
            {
                var path = Path.Combine(dir, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }

            // Why: a previous result in the output directory must survive a failed run untouched.
            Directory.CreateDirectory(Path.Combine(dir, "out"));
            File.WriteAllText(Path.Combine(dir, "out", "summary.json"), "{ \"old\": true }");
            File.WriteAllText(Path.Combine(dir, "bad.csv"), "arrival_s,input_tokens,output_tokens\n0.0,64,8\n0.1,x,4\n");
            var before = Snapshot(dir);
            var (code, _, err) = CliTests.Run(c.Args.Select(a => a.Replace("{d}", dir, StringComparison.Ordinal)).ToArray());
            var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
                Assert.That(lines, Has.Length.EqualTo(1), "one line on stderr");
                Assert.That(err, Does.Not.Contain("   at "));
                foreach (var e in c.Expect)
                {
                    Assert.That(err, Does.Contain(e), "the message names it");
                }

                Assert.That(Snapshot(dir), Is.EqualTo(before), "no output file created or modified");
            });
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(p => Path.GetRelativePath(dir, p), p => File.Exists(p) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))) : "dir");
}
