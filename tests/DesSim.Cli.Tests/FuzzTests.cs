using System.Globalization;
using DesSim.Engine;

namespace DesSim.Cli.Tests;

/// <summary>Seeded random mutations of a valid scenario and a valid trace through the real CLI: every run ends with
/// exit 0, or exit 2 and a one-line message; never exit 1 (an internal error) or an unhandled exception.</summary>
/// <remarks>Workloads stay tiny (the request count line is never mutated upward) so thousands of runs fit in CI time.</remarks>
public sealed class FuzzTests
{
    private const int ScenarioMutations = 1500;
    private const int TraceMutations = 1000;
    private const ulong Seed = 20261122;

    private static readonly string[] Values = ["0", "-1", "1", "2", "3", "0.5", "1e9", "1e400", "-0", "nan", "abc", "", "~", "[]", "{}", "true", "8", "\"x\"", "2048"];
    private static readonly string[] Noise = [":", "{", "}", "[", "]", ",", "-", "#", "'", "\"", "\t", " ", "\n", "&a", "*a", "!!int", "?"];

    private static readonly string TraceScenario = BadInputCatalog.Scenario.Replace(
        "workload:\n  requests: 20\n  arrival: { process: poisson, rate: 50 }\n  input_tokens: 64\n  output_tokens: 8\n",
        "workload: { trace: t.csv, format: generic }\n",
        StringComparison.Ordinal);

    [Test]
    public void MutatedScenariosExitZeroOrTwo()
    {
        var rng = new RandomStream(Seed);
        var baseText = BadInputCatalog.Scenario.Replace("requests: 20", "requests: 4", StringComparison.Ordinal) + "faults: { stragglers: [{ gpu: 0, factor: 2, start_s: 0.01, end_s: 0.05 }] }\nvariability: { kernel_cv: 0.1 }\n";
        Fuzz(rng, ScenarioMutations, i => (Mutate(rng, baseText, protect: "requests:"), BadInputCatalog.Trace), "run");
    }

    [Test]
    public void MutatedTracesExitZeroOrTwo()
    {
        var rng = new RandomStream(Seed + 1);
        Fuzz(rng, TraceMutations, i => (TraceScenario, Mutate(rng, BadInputCatalog.Trace, protect: null)), i => i % 2 == 0 ? "run" : "trace");
    }

    private static void Fuzz(RandomStream rng, int count, Func<int, (string Scenario, string Trace)> make, string command) => Fuzz(rng, count, make, _ => command);

    private static void Fuzz(RandomStream rng, int count, Func<int, (string Scenario, string Trace)> make, Func<int, string> command)
    {
        var dir = Directory.CreateTempSubdirectory("dessim-fuzz-").FullName;
        var codes = new int[3];
        try
        {
            for (int i = 0; i < count; i++)
            {
                var (scenario, trace) = make(i);
                File.WriteAllText(Path.Combine(dir, "s.yaml"), scenario);
                File.WriteAllText(Path.Combine(dir, "t.csv"), trace);
                string[] args = command(i) == "run"
                    ? ["run", Path.Combine(dir, "s.yaml"), "--out", Path.Combine(dir, "out" + (i % 4).ToString(CultureInfo.InvariantCulture)), "--quiet"]
                    : ["trace", "stats", Path.Combine(dir, "t.csv")];
                var (code, _, err) = CliTests.Run(args);
                var context = $"mutation {i}:\n{(command(i) == "run" ? scenario : string.Empty)}\n--- t.csv ---\n{trace}\n--- stderr ---\n{err}";
                Assert.That(code, Is.EqualTo(ExitCodes.Success).Or.EqualTo(ExitCodes.BadInput), context);
                if (code == ExitCodes.BadInput)
                {
                    Assert.That(err.Trim(), Does.StartWith("error: ").And.Not.Contain("\n"), context);
                }

                codes[code]++;
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }

        TestContext.Out.WriteLine($"{count} mutations: {codes[0]} ran, {codes[2]} refused as bad input");
        Assert.That(codes[0], Is.GreaterThan(count / 20), "the mutations are not all fatal (the fuzz still reaches the simulator)");
        Assert.That(codes[2], Is.GreaterThan(count / 20), "and not all harmless");
    }

    private static string Mutate(RandomStream rng, string text, string? protect)
    {
        int rounds = 1 + rng.Next(3);
        for (int k = 0; k < rounds; k++)
        {
            var lines = text.Split('\n').ToList();
            int l = rng.Next(lines.Count);
            bool guarded = protect is not null && lines[l].Contains(protect, StringComparison.Ordinal);
            switch (rng.Next(8))
            {
                case 0:
                    lines.RemoveAt(l);
                    break;
                case 1:
                    lines.Insert(l, lines[rng.Next(lines.Count)]);
                    break;
                case 2:
                    int m = rng.Next(lines.Count);
                    (lines[l], lines[m]) = (lines[m], lines[l]);
                    break;
                case 3 when !guarded:
                    lines[l] = ReplaceToken(rng, lines[l]);
                    break;
                case 4:
                    int at = rng.Next(lines[l].Length + 1);
                    lines[l] = lines[l].Insert(at, Noise[rng.Next(Noise.Length)]);
                    break;
                case 5 when lines[l].Length > 0:
                    lines[l] = lines[l].Remove(rng.Next(lines[l].Length), 1);
                    break;
                case 6:
                    lines[l] = new string(' ', rng.Next(4)) + lines[l].TrimStart();
                    break;
                default:
                    var all = string.Join('\n', lines);
                    return all[..rng.Next(all.Length + 1)];
            }

            text = string.Join('\n', lines);
        }

        return text;
    }

    /// <summary>Replaces one number or word of <paramref name="line"/> with a value from <see cref="Values"/>.</summary>
    private static string ReplaceToken(RandomStream rng, string line)
    {
        var spans = new List<(int Start, int Length)>();
        for (int i = 0; i < line.Length;)
        {
            if (char.IsLetterOrDigit(line[i]) || line[i] == '.')
            {
                int j = i;
                while (j < line.Length && (char.IsLetterOrDigit(line[j]) || line[j] is '.' or '-' or '_'))
                {
                    j++;
                }

                spans.Add((i, j - i));
                i = j;
            }
            else
            {
                i++;
            }
        }

        if (spans.Count == 0)
        {
            return line;
        }

        var (start, length) = spans[rng.Next(spans.Count)];
        return line[..start] + Values[rng.Next(Values.Length)] + line[(start + length)..];
    }
}
