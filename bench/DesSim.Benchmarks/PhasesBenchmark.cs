using System.Diagnostics;
using System.Globalization;
using DesSim.Core.Scenarios;
using DesSim.Core.Workload;
using DesSim.Engine;
using DesSim.Reporting.Results;

namespace DesSim.Benchmarks;

/// <summary>The comparable 10k-request run of issue #19 (Llama-2-7B TP1 on A100, the first 10,000 Azure conversation
/// requests at half rate, vLLM-style scheduling; the first row of tools/bench-native-vs-jit) in process, by phase: reading
/// the trace alone, the run (simulation with the trace streamed in), and writing the output files.</summary>
/// <remarks>Each phase is timed separately after one warm-up of all three, best and median of the repeats; the
/// whole-process figure (start-up included) is tools/bench-native-vs-jit's. Without <c>--trace</c> the shipped 10-minute
/// sample (2,867 requests) is replayed, and the benchmark says so.</remarks>
public sealed class PhasesBenchmark : IBenchmark
{
    private const string SampleTrace = "traces/azure-conv-10min.csv"; // shipped 10-minute excerpt (see traces/README.md)
    private const int Repeats = 11; // best and median of 11
    private const int QuickRepeats = 2;

    /// <inheritdoc />
    public string Name => "phases";

    /// <inheritdoc />
    public string Description => "the comparable 10k run of issue #19 by phase: trace read, run, output files (pass --trace AzureLLMInferenceTrace_conv.csv)";

    /// <inheritdoc />
    public void Run(BenchOptions options, TextWriter output)
    {
        var trace = Path.GetFullPath(options.TracePath ?? SampleTrace);
        if (options.TracePath is null)
        {
            output.WriteLine($"note: no --trace given: replaying the shipped 10-minute sample {SampleTrace}, NOT the issue's 10k requests");
        }

        if (!File.Exists(trace))
        {
            throw new Core.InputException("bench", "--trace", $"trace file '{trace}' does not exist", "pass AzureLLMInferenceTrace_conv.csv, or run from the repository root");
        }

        var scenario = BenchScenarios.Parse(string.Create(CultureInfo.InvariantCulture, $$"""
            name: comparable-10k
            seed: 1
            model: llama-2-7b
            precision: fp16
            cluster: { gpu: a100-sxm, nodes: 1, gpus_per_node: 1 }
            parallelism: { tp: 1, pp: 1, dp: 1 }
            scheduler: { policy: vllm, max_num_seqs: 256, max_num_batched_tokens: 4096 }
            cost_model: measured
            workload: { trace: '{{trace.Replace("'", "''", StringComparison.Ordinal)}}', rate_scale: 0.5, max_requests: 10000 }
            outputs: { report: false, chrome_trace: false }
            """), Name);
        var dir = Path.Combine(Path.GetTempPath(), "dessim-phases-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            int repeats = options.Quick ? QuickRepeats : Repeats;
            var read = new List<double>();
            var run = new List<double>();
            var write = new List<double>();
            var requestsCsv = new List<double>();
            ScenarioRun? last = null;
            for (int i = 0; i <= repeats; i++)
            {
                // Round 0 warms up (JIT, tiering, file cache) and is not kept.
                var (r, rows) = Time(() => ReadTrace(scenario.Workload));
                var (s, result) = Time(() => ScenarioRunner.Run(scenario));
                var (w, _) = Time(() => RunOutputs.Write(result, Path.Combine(dir, "out"), report: false));
                var (q, _) = Time(() => FormatRequests(result));
                last = result;
                if (i > 0)
                {
                    read.Add(r);
                    run.Add(s);
                    write.Add(w);
                    requestsCsv.Add(q);
                }

                if (i == 0)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} trace rows, {result.EventsProcessed:N0} events, {repeats} timed rounds after one warm-up"));
                }
            }

            output.WriteLine(Line("trace read (alone)", read));
            output.WriteLine(Line("run (simulation + streamed trace read)", run));
            output.WriteLine(Line("output files", write));
            output.WriteLine(Line("  of which requests.csv text (in memory)", requestsCsv));
            var summary = last!.Result.Summary;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[ttft p50 {summary.TtftMs.Median:F2} ms, tpot p50 {summary.TpotMs.Median:F3} ms]"));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static long ReadTrace(WorkloadSpec workload)
    {
        using var opened = WorkloadFactory.Open(workload, new RandomStreams(1));
        long rows = 0;
        while (opened.Source.TryNext(out _))
        {
            rows++;
        }

        return rows;
    }

    /// <summary>requests.csv as RunOutputs writes it, into memory: the formatting without the file system.</summary>
    private static long FormatRequests(ScenarioRun run)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var summary = run.Result.Summary;
        ResultCsvWriters.WriteRequests(text, run.Result.Requests, run.Scenario.Slo, null, summary.PrefixCache is not null, summary.PrefixCache is { Tiers.Count: > 0 });
        return text.GetStringBuilder().Length;
    }

    private static (double Seconds, T Value) Time<T>(Func<T> phase)
    {
        var sw = Stopwatch.StartNew();
        var value = phase();
        return (sw.Elapsed.TotalSeconds, value);
    }

    private static string Line(string phase, List<double> seconds)
    {
        seconds.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"{phase,-40} best {seconds[0] * 1e3,8:F1} ms  median {seconds[seconds.Count / 2] * 1e3,8:F1} ms");
    }
}
