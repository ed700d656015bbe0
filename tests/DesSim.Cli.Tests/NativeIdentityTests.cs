namespace DesSim.Cli.Tests;

/// <summary>
/// The NativeAOT binary and the JIT build write byte-identical results: every shipped scenario is run in this process
/// (JIT, <see cref="Program.Run"/>) and by the native binary named in <c>DESSIM_CLI</c>, and every output file is
/// compared byte for byte. <c>.ci/run</c> publishes the binary with <c>./dessim</c> and sets the variable.
/// </summary>
public sealed class NativeIdentityTests
{
    private static IEnumerable<string> ShippedScenarios() =>
        Directory.GetFiles(Path.Combine(CliHost.RepoRoot(), "scenarios"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(ShippedScenarios))]
    public void NativeAndJitResultsAreByteIdentical(string scenarioFile)
    {
        string? native = CliHost.NativeBinary;
        if (native is null)
        {
            Assert.Ignore($"{CliHost.NativeVariable} is not set: .ci/run sets it to the ./dessim native binary");
        }

        string scenario = Path.Combine(CliHost.RepoRoot(), "scenarios", scenarioFile);
        var dir = Directory.CreateTempSubdirectory("dessim-native-").FullName;
        try
        {
            string jitDir = Path.Combine(dir, "jit");
            string nativeDir = Path.Combine(dir, "native");
            var o = new StringWriter();
            var e = new StringWriter();
            Assert.That(Program.Run(["run", scenario, "--out", jitDir, "--quiet"], o, e), Is.Zero, e.ToString());
            var (code, _, err) = CliHost.RunNative(native!, ["run", scenario, "--out", nativeDir, "--quiet"]);
            Assert.That(code, Is.Zero, err);

            var jitFiles = Directory.GetFiles(jitDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            var nativeFiles = Directory.GetFiles(nativeDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            Assert.That(nativeFiles, Is.EqualTo(jitFiles));
            Assert.That(jitFiles, Does.Contain("summary.json").And.Contain("requests.csv"));
            foreach (string f in jitFiles!)
            {
                Assert.That(File.ReadAllBytes(Path.Combine(nativeDir, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(jitDir, f))), f);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
