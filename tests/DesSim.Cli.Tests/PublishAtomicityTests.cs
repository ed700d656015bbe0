using System.Diagnostics;
using System.Security.Cryptography;

namespace DesSim.Cli.Tests;

/// <summary>The output publication protocol (docs/output.md) against real processes: <c>kill -9</c> inside the final
/// publish step leaves the old result or the new one, whole; two writers to one target end with one whole result.</summary>
public sealed class PublishAtomicityTests
{
    private static readonly string Dessim = CliHost.NativeBinary ?? Path.Combine(AppContext.BaseDirectory, "dessim");
    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("dessim-publish-");
        File.WriteAllText(Path.Combine(_dir.FullName, "s.yaml"), BadInputCatalog.Scenario);
    }

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    [TestCase(false)]
    [TestCase(true)]
    public void Kill_during_publish_leaves_the_old_or_the_new_result_whole(bool forceTwoRenames)
    {
        var target = Path.Combine(_dir.FullName, "out");
        var old = Reference(1, "ref-old");
        var fresh = Reference(2, "ref-new");
        Assert.That(Run(1, target).WaitForExit(60_000), Is.True);
        var random = new Random(22);
        var seen = new HashSet<string>();
        const int Kills = 5;
        for (int i = 0; i < Kills; i++)
        {
            using var p = Run(2, target, pauseMs: 150, twoRenames: forceTwoRenames);
            WaitForStagedFile("scenario.yaml", p);
            Thread.Sleep(random.Next(0, 420));
            p.Kill(entireProcessTree: true);
            p.WaitForExit();

            // Why: a kill between the fallback's two renames leaves the old result set aside; the next writer into the
            // parent restores it, so the check runs after any dessim start-up into this parent (here: another target).
            Assert.That(Run(1, Path.Combine(_dir.FullName, "other")).WaitForExit(60_000), Is.True);
            var now = Hashes(target);
            var which = Same(now, old) ? "old" : Same(now, fresh) ? "new" : null;
            Assert.That(which, Is.Not.Null, $"kill {i}: the target holds a mixed or torn result: {string.Join(", ", now.Keys)}");
            seen.Add(which!);
            Assert.That(Transient(), Is.Empty, "no staging or set-aside directory survives the next run into the parent");
            if (which == "new")
            {
                Assert.That(Run(1, target).WaitForExit(60_000), Is.True, "back to the old result for the next kill");
            }
        }

        TestContext.Out.WriteLine($"{Kills} kills, outcomes: {string.Join(", ", seen)}");
    }

    [Test]
    public void Two_writers_to_one_target_end_with_one_whole_result()
    {
        var target = Path.Combine(_dir.FullName, "out");
        var a = Reference(1, "ref-a");
        var b = Reference(2, "ref-b");
        using var first = Run(1, target, pauseMs: 200);
        using var second = Run(2, target, pauseMs: 200);
        Assert.That(first.WaitForExit(60_000) && second.WaitForExit(60_000), Is.True);
        var now = Hashes(target);
        Assert.Multiple(() =>
        {
            Assert.That(new[] { first.ExitCode, second.ExitCode }, Is.All.EqualTo(0), "the second writer waits for the first's publish, then replaces it");
            Assert.That(Same(now, a) || Same(now, b), Is.True, "files of one writer only");
            Assert.That(Transient(), Is.Empty);
        });
    }

    [Test]
    public void A_second_sweep_into_a_busy_sweep_directory_exits_2()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "grid.yaml"), "axes:\n  workload.arrival.rate: [10, 20, 30, 40]\n");
        var target = Path.Combine(_dir.FullName, "sweep");
        using var first = Start(["sweep", "s.yaml", "--grid", "grid.yaml", "--out", target, "--jobs", "1"], pauseMs: 300);
        WaitFor(() => File.Exists(Path.Combine(target, "sweep.json")), first);
        using var second = Start(["sweep", "s.yaml", "--grid", "grid.yaml", "--out", target, "--jobs", "1"], pauseMs: 0);
        Assert.That(second.WaitForExit(60_000) && first.WaitForExit(60_000), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(second.ExitCode, Is.EqualTo(2));
            Assert.That(second.StandardError.ReadToEnd(), Does.Contain("another dessim sweep is writing"));
            Assert.That(first.ExitCode, Is.EqualTo(0));
        });
    }

    private Dictionary<string, string> Reference(int seed, string name)
    {
        var dir = Path.Combine(_dir.FullName, name);
        using var p = Run(seed, dir);
        Assert.That(p.WaitForExit(60_000) && p.ExitCode == 0, Is.True, $"reference run: {p.StandardError.ReadToEnd()}");
        return Hashes(dir);
    }

    private Process Run(int seed, string target, int pauseMs = 0, bool twoRenames = false) =>
        Start(["run", "s.yaml", "--set", $"seed={seed}", "--out", target, "--quiet"], pauseMs, twoRenames);

    private Process Start(string[] args, int pauseMs, bool twoRenames = false)
    {
        var info = new ProcessStartInfo(Dessim) { WorkingDirectory = _dir.FullName, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DESSIM_PUBLISH_PAUSE_MS"] = pauseMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["DESSIM_PUBLISH_NO_EXCHANGE"] = twoRenames ? "1" : "0";
        return Process.Start(info)!;
    }

    private void WaitForStagedFile(string name, Process p) =>
        WaitFor(() => _dir.EnumerateDirectories(".out.staging-*").Any(d => File.Exists(Path.Combine(d.FullName, name))), p);

    private static void WaitFor(Func<bool> condition, Process p)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow < deadline && !p.HasExited, Is.True, "the writer reached its publish step");
            Thread.Sleep(2);
        }
    }

    private string[] Transient() => _dir.EnumerateDirectories(".*").Select(d => d.Name).ToArray();

    private static bool Same(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static Dictionary<string, string> Hashes(string dir) =>
        !Directory.Exists(dir) ? [] : Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
