using DesSim.Core.Workload;
using static DesSim.Core.Tests.Workload.WorkloadTestKit;

namespace DesSim.Core.Tests.Workload;

public sealed class WorkloadSpecReaderTests
{
    [Test]
    public void TraceWithEveryReplayKey()
    {
        var dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "t.csv"), "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n1,ChatGPT,1,1,2,API log\n");
        var spec = (TraceWorkloadSpec)ReadYaml("""
            workload:
              trace: t.csv
              format: burstgpt
              skip_invalid: true
              start_s: 10
              duration_s: 600
              max_requests: 1000
              rate_scale: 2.5
              sample_fraction: 0.5
              max_model_len: 4096
              on_too_long: drop
              reorder_window: 100
              burstgpt: { model: ChatGPT, log_type: API log }
            """, dir);
        Assert.That(spec, Is.EqualTo(new TraceWorkloadSpec(Path.Combine(dir, "t.csv"), TraceFormat.BurstGpt)
        {
            SkipInvalid = true, StartSeconds = 10, DurationSeconds = 600, MaxRequests = 1000, RateScale = 2.5, SampleFraction = 0.5,
            MaxModelLenTokens = 4096, OnTooLong = TooLongPolicy.Drop, ReorderWindowRows = 100, BurstGptModel = "ChatGPT", BurstGptLogType = "API log",
        }));
    }

    [Test]
    public void TracePathFallsBackToTheCurrentDirectoryAndTheErrorNamesBothTries()
    {
        var repoSample = Path.Combine("traces", "azure-conv-10min.csv");
        var saved = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = RepoRoot();
            var spec = (TraceWorkloadSpec)ReadYaml($"workload:\n  trace: {repoSample}\n");
            Assert.That(spec.TracePath, Is.EqualTo(Path.Combine(RepoRoot(), repoSample)));
            var dir = TempDir();
            var e = Assert.Throws<InputException>(() => ReadYaml("workload:\n  trace: nope.csv\n", dir))!;
            Assert.That(e.Message, Does.StartWith("scenario.yaml:2: workload.trace: file 'nope.csv' not found: tried "));
            Assert.That(e.Message, Does.Contain(Path.Combine(dir, "nope.csv")).And.Contain(Path.Combine(RepoRoot(), "nope.csv")));
        }
        finally
        {
            Environment.CurrentDirectory = saved;
        }
    }

    [Test]
    public void UnknownKeysAreRejectedWithDidYouMean()
    {
        var dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "t.csv"), "arrival_s,input_tokens,output_tokens\n0,1,1\n");
        var e = Assert.Throws<InputException>(() => ReadYaml("workload:\n  trace: t.csv\n  rate_scal: 2\n", dir))!;
        Assert.That(e.Message, Does.Contain("workload.rate_scal: unknown key (did you mean 'workload.rate_scale'?)"));
        e = Assert.Throws<InputException>(() => ReadYaml("workload:\n  requests: 5\n  arrival: { process: poisson, rat: 2 }\n  input_tokens: 5\n  output_tokens: 5\n"))!;
        Assert.That(e.Message, Does.Contain("workload.arrival.rate: is required"));
        e = Assert.Throws<InputException>(() => ReadYaml("workload:\n  requests: 5\n  arrival: { process: burst, rat: 2 }\n  input_tokens: 5\n  output_tokens: { dist: fixed, valu: 3 }\n"))!;
        Assert.That(e.Message, Does.Contain("unknown key"));
    }

    [Test]
    public void SyntheticWithEveryProcessAndDistribution()
    {
        var dir = TempDir();
        File.Copy(Sample("sharegpt-lengths-4k.csv"), Path.Combine(dir, "len.csv"));
        File.WriteAllText(Path.Combine(dir, "t.csv"), "arrival_s,input_tokens,output_tokens\n0,1,1\n");
        var spec = (SyntheticWorkloadSpec)ReadYaml("""
            workload:
              requests: 100
              max_model_len: 8192
              arrival: { process: gamma, rate: 4, cv: 2.5 }
              input_tokens: { dist: lognormal, mean: 512, cv: 1.0, max: 4096 }
              output_tokens: { dist: empirical, file: len.csv, column: num_decode_tokens }
            """, dir);
        Assert.That(spec.Arrival, Is.EqualTo(new ArrivalSpec(ArrivalProcess.Gamma) { RequestsPerSecond = 4, Cv = 2.5 }));
        Assert.That(spec.InputTokens.Sigma, Is.EqualTo(Math.Sqrt(Math.Log(2))).Within(1e-12));
        Assert.That(spec.OutputTokens.File, Is.EqualTo(Path.Combine(dir, "len.csv")));
        Assert.That(spec.MaxRequests, Is.EqualTo(100));

        string[] arrivals =
        [
            "{ process: poisson, rate: 2 }", "{ process: constant, rate: 2 }", "{ process: burst }",
            "{ process: closed-loop, concurrency: 8, think_time_s: 0.5 }",
            "{ process: piecewise, segments: [{ duration_s: 10, rate: 1 }, { duration_s: 5, rate: 0 }], repeat: true }",
            "{ process: diurnal, rate: 3, amplitude: 0.7, period_s: 3600, phase_s: 60 }",
        ];
        string[] lengths =
        [
            "7", "{ dist: fixed, value: 7 }", "{ dist: uniform, min: 1, max: 9 }", "{ dist: normal, mean: 100, std: 10 }",
            "{ dist: lognormal, mean: 100, sigma: 0.3 }", "{ dist: zipf, exponent: 1.1, max: 500 }", "{ dist: empirical, trace: t.csv, format: generic }",
        ];
        foreach (var a in arrivals)
        {
            foreach (var l in lengths)
            {
                var s = (SyntheticWorkloadSpec)ReadYaml($"workload:\n  requests: 10\n  arrival: {a}\n  input_tokens: {l}\n  output_tokens: {l}\n", dir);
                using var opened = WorkloadFactory.Open(s, new DesSim.Engine.RandomStreams(1));
                Assert.That(opened.Source.TryNext(out var r), Is.True, $"{a} / {l}");
                Assert.That(r.InputTokens, Is.GreaterThanOrEqualTo(1));
            }
        }
    }

    [TestCase("arrival: { process: closed-loop, concurrency: 2 }\n  input_tokens: 5\n  output_tokens: 5\n", "workload.requests: is required for the closed-loop process")]
    [TestCase("requests: 5\n  arrival: { process: gamma, rate: 2 }\n  input_tokens: 5\n  output_tokens: 5\n", "workload.arrival.cv: is required")]
    [TestCase("arrival: { process: poisson, rate: 2 }\n  input_tokens: 5\n  output_tokens: 5\n", "workload.requests: is required (or duration_s)")]
    [TestCase("requests: 5\n  arrival: { process: poisson, rate: -1 }\n  input_tokens: 5\n  output_tokens: 5\n", "workload.arrival.rate: -1 must be ≥ 1E-06")]
    [TestCase("requests: 5\n  arrival: { process: poison, rate: 1 }\n  input_tokens: 5\n  output_tokens: 5\n", "did you mean 'poisson'?")]
    [TestCase("requests: 5\n  arrival: { process: poisson, rate: 1 }\n  output_tokens: 5\n", "workload.input_tokens: is required for synthetic load")]
    [TestCase("requests: 5\n  arrival: { process: poisson, rate: 1 }\n  input_tokens: { dist: uniform, min: 9, max: 3 }\n  output_tokens: 5\n", "workload.input_tokens.max: 3 is below min (9)")]
    [TestCase("trace: x.csv\n  arrival: { process: poisson, rate: 1 }\n", "workload.arrival: applies to synthetic workloads only")]
    public void SyntheticMistakesAreNamed(string body, string expected)
    {
        var e = Assert.Throws<InputException>(() => ReadYaml("workload:\n  " + body))!;
        Assert.That(e.Message, Does.Contain(expected));
    }
}
