using System.Diagnostics;
using System.Globalization;
using DesSim.Engine;

namespace DesSim.Cli.Tests;

/// <summary>Seeded random mutations of the inputs and flags of every writing command (sweep, merge, capacity, plan,
/// report, calibrate, trace stats) through the real CLI: each case ends in exit 0, or exit 2 with one line and no output
/// at the target, within a time bound; never exit 1, never a hang or an unhandled exception.</summary>
/// <remarks>Inputs stay tiny (a few requests, two sweep points, three capacity probes) so the whole set fits in CI time;
/// the test prints the cases run and the time taken per command.</remarks>
public sealed class CommandFuzzTests
{
    private const ulong Seed = 20261201;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(30);
    private static readonly string[] Values = ["0", "-1", "1", "2", "0.5", "1e9", "1e300", "1e-300", "nan", "NaN", "abc", "", "~", "[]", "{}", "true", "\"x\"", ".inf", "*a", "&a x"];
    private static readonly string[] Noise = [":", "{", "}", "[", "]", ",", "-", "#", "'", "\"", "\t", " ", "\n", "---\n", "&a", "*a", "?"];
    private static readonly string Small = BadInputCatalog.Scenario.Replace("requests: 20", "requests: 4", StringComparison.Ordinal);
    private static readonly string Runs = "model,gpu,tp,batch,input_tokens,output_tokens,ttft_ms,tpot_ms,split\nllama2-70b,a100,2,1,512,16,196.9,54.86,fit\nllama2-70b,a100,8,1,512,16,138.8,46.85,fit\nllama2-70b,a100,8,4,512,16,409.7,48.44,fit\nllama2-70b,a100,4,1,512,16,127.0,44.99,holdout\n";
    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("dessim-cmdfuzz-");

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    [Test]
    public void Sweep() => Fuzz("sweep", 40, (rng, d) =>
    {
        Write(d, "s.yaml", Small);
        Write(d, "g.yaml", Mutate(rng, "axes:\n  workload.arrival.rate: [10, 20]\n  scheduler.max_num_seqs: [8]\nreplications: 1\n"));
        return ["sweep", P(d, "s.yaml"), "--grid", P(d, "g.yaml"), "--out", P(d, "out"), "--jobs", Pick(rng, "1", "2", "0", "-3", "x")];
    });

    [Test]
    public void Capacity() => Fuzz("capacity", 24, (rng, d) =>
    {
        Write(d, "s.yaml", Mutate(rng, Small, protect: "requests:"));
        return ["capacity", P(d, "s.yaml"), "--layouts", Mostly(rng, "scenario", "all", "none"), "--max-sims", Mostly(rng, "2", "3", "1", "x"),
            "--tolerance", Mostly(rng, "0.5", "0.2", "0", "1", "NaN", "-1", "1e-300"), "--slo", Mostly(rng, "chat", "ttft_ms=500", "ttft_ms=NaN", "tpot_ms=0", "x=1", "ttft_ms=1e300"), "--out", P(d, "out")];
    });

    [Test]
    public void Plan() => Fuzz("plan", 16, (rng, d) =>
        ["plan", "--model", Mostly(rng, "llama-3.1-8b", "llama-3.1-8b", "llama-9"), "--gpu", Mostly(rng, "h100-sxm", "h100-sxm", "h900"), "--gpus", Mostly(rng, "1", "2", "0", "3", "x"),
            "--slo", Mostly(rng, "chat", "batch", "voice", "ttft_ms=NaN", "nope"), "--requests", Mostly(rng, "8", "4", "0", "-1"), "--replications", Mostly(rng, "1", "0"), "--out", P(d, "out")]);

    [Test]
    public void Report()
    {
        var result = Path.Combine(_dir.FullName, "base");
        Assert.That(CliTests.Run("run", Write(_dir.FullName, "s.yaml", Small), "--out", result, "--quiet").Code, Is.EqualTo(0));
        var names = Directory.GetFiles(result).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Fuzz("report", 60, (rng, d) =>
        {
            var copy = Path.Combine(d, "r");
            Directory.CreateDirectory(copy);
            foreach (var n in names)
            {
                File.Copy(Path.Combine(result, n!), Path.Combine(copy, n!));
            }

            var victim = Path.Combine(copy, names[rng.Next(names.Length)]!);
            File.WriteAllText(victim, Mutate(rng, File.ReadAllText(victim)[..Math.Min(20_000, (int)new FileInfo(victim).Length)]));
            return ["report", copy, "--svg-dir", P(d, "svgs")];
        }, expectFresh: "svgs");
    }

    [Test]
    public void Merge()
    {
        Write(_dir.FullName, "s.yaml", Small);
        Write(_dir.FullName, "g.yaml", "axes:\n  workload.arrival.rate: [10, 20]\n");
        var shards = new[] { "1/2", "2/2" }.Select((k, i) =>
        {
            var o = Path.Combine(_dir.FullName, "shard" + i.ToString(CultureInfo.InvariantCulture));
            Assert.That(CliTests.Run("sweep", P(_dir.FullName, "s.yaml"), "--grid", P(_dir.FullName, "g.yaml"), "--shard", k, "--out", o).Code, Is.EqualTo(0));
            return o;
        }).ToArray();
        var files = shards.SelectMany(s => Directory.GetFiles(s, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).Select(f => (s, Path.GetRelativePath(s, f)))).ToArray();
        Fuzz("merge", 60, (rng, d) =>
        {
            var copies = shards.Select((s, i) =>
            {
                var c = Path.Combine(d, "s" + i.ToString(CultureInfo.InvariantCulture));
                foreach (var (from, rel) in files.Where(f => f.s == s))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(c, rel))!);
                    File.Copy(Path.Combine(from, rel), Path.Combine(c, rel));
                }

                return c;
            }).ToArray();
            var (shard, victim) = files[rng.Next(files.Length)];
            var path = Path.Combine(copies[Array.IndexOf(shards, shard)], victim);
            File.WriteAllText(path, Mutate(rng, File.ReadAllText(path)));
            return ["merge", "--out", P(d, "merged"), .. rng.Next(4) == 0 ? copies[..1] : copies];
        }, expectFresh: "merged");
    }

    [Test]
    public void CalibrateRuns() => Fuzz("calibrate --runs", 80, (rng, d) =>
    {
        Write(d, "runs.csv", Mutate(rng, Runs));
        return ["calibrate", "--runs", P(d, "runs.csv"), "--engine", Pick(rng, "mine", "a: b", "\"q\"", "#x", "- y", "t\tab"), "--out", P(d, "e.yaml")];
    }, expectFresh: "e.yaml");

    [Test]
    public void CalibrateFrom() => Fuzz("calibrate --from", 60, (rng, d) =>
    {
        Write(d, "nccl.txt", Mutate(rng, "#       size         count      type   redop    root     time   algbw   busbw #wrong     time   algbw   busbw #wrong\n#        (B)    (elements)                               (us)  (GB/s)  (GB/s)            (us)  (GB/s)  (GB/s)\n# Using devices\n#  Rank  0 Group  0 Pid  1 on host device  0 [0x00] NVIDIA H100 80GB HBM3\n#  Rank  1 Group  0 Pid  1 on host device  1 [0x00] NVIDIA H100 80GB HBM3\n     1048576        262144     float     sum      -1    30.1   34.83   34.83      0    29.8   35.19   35.19      0\n     4194304       1048576     float     sum      -1    52.4   80.04   80.04      0    52.0   80.66   80.66      0\n    16777216       4194304     float     sum      -1   135.2  124.09  124.09      0   134.9  124.37  124.37      0\n"));
        return ["calibrate", "--from", P(d, "nccl.txt"), "--gpu", Pick(rng, "h100-sxm", "h100-sxm", "h900"), "--out", P(d, "c.yaml"), "--plot", P(d, "c.svg")];
    }, expectFresh: "c.yaml");

    [Test]
    public void TraceStats() => Fuzz("trace stats", 100, (rng, d) =>
    {
        Write(d, "t.csv", Mutate(rng, BadInputCatalog.Trace));
        return ["trace", "stats", P(d, "t.csv"), "--svg", P(d, "h.svg"), "--format", Pick(rng, "auto", "auto", "generic", "azure", "mooncake")];
    }, expectFresh: "h.svg");

    private void Fuzz(string command, int count, Func<RandomStream, string, string[]> make, string expectFresh = "out")
    {
        var rng = new RandomStream(Seed + (ulong)command.Length * 7919UL + (ulong)command[^1]);
        var codes = new int[3];
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            var d = Path.Combine(_dir.FullName, "case" + i.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(d);
            var args = make(rng, d);
            var started = clock.Elapsed;
            var (code, _, err) = CliTests.Run(args);
            var took = clock.Elapsed - started;
            var context = $"{command} case {i}: {string.Join(' ', args.Select(a => $"'{a}'"))}\n--- stderr ---\n{err}";
            Assert.That(code, Is.EqualTo(ExitCodes.Success).Or.EqualTo(ExitCodes.BadInput), context);
            Assert.That(took, Is.LessThan(PerCase), "within the time bound: " + context);
            if (code == ExitCodes.BadInput)
            {
                Assert.That(err.Trim(), Does.StartWith("error: ").And.Not.Contain("\n"), context);
                Assert.That(File.Exists(Path.Combine(d, expectFresh)) || Directory.Exists(Path.Combine(d, expectFresh)), Is.False, "no partial output on exit 2: " + context);
            }

            Assert.That(Directory.EnumerateDirectories(d, ".*staging-*").Any(), Is.False, "no staging left: " + context);
            codes[code]++;
            Directory.Delete(d, recursive: true);
        }

        TestContext.Out.WriteLine($"{command}: {count} cases in {clock.Elapsed.TotalSeconds:F1} s: {codes[0]} ran, {codes[2]} refused as bad input");
        Assert.That(codes[0] + codes[2], Is.EqualTo(count));
    }

    private static string P(string dir, string name) => Path.Combine(dir, name);

    private static string Write(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Pick(RandomStream rng, params string[] options) => options[rng.Next(options.Length)];

    // Why: a command with several flags reaches its simulation only if each is valid; keep the first (valid) one 3 times in 4.
    private static string Mostly(RandomStream rng, params string[] options) => rng.Next(4) < 3 ? options[0] : options[1 + rng.Next(options.Length - 1)];

    private static string Mutate(RandomStream rng, string text, string? protect = null)
    {
        int rounds = 1 + rng.Next(3);
        for (int k = 0; k < rounds; k++)
        {
            var lines = text.Split('\n').ToList();
            int l = rng.Next(lines.Count);
            bool guarded = protect is not null && lines[l].Contains(protect, StringComparison.Ordinal);
            switch (rng.Next(7))
            {
                case 0 when !guarded:
                    lines.RemoveAt(l);
                    break;
                case 1:
                    lines.Insert(l, lines[rng.Next(lines.Count)]);
                    break;
                case 2 when !guarded:
                    var words = lines[l].Split(' ', ',', ':');
                    var w = words[rng.Next(words.Length)];
                    lines[l] = w.Length == 0 ? lines[l] + Values[rng.Next(Values.Length)] : lines[l].Replace(w, Values[rng.Next(Values.Length)], StringComparison.Ordinal);
                    break;
                case 3 when !guarded:
                    lines[l] = lines[l].Insert(rng.Next(lines[l].Length + 1), Noise[rng.Next(Noise.Length)]);
                    break;
                case 4 when lines[l].Length > 0 && !guarded:
                    lines[l] = lines[l].Remove(rng.Next(lines[l].Length), 1);
                    break;
                case 5:
                    var all = string.Join('\n', lines);
                    return all[..rng.Next(all.Length + 1)];
                default:
                    break;
            }

            text = string.Join('\n', lines);
        }

        return text;
    }
}
