using System.Diagnostics;
using System.Globalization;
using System.Text;
using DesSim.Core.Scenarios;
using DesSim.Reporting.Results;

namespace DesSim.Benchmarks;

/// <summary>What <c>run --report</c> adds to a run, phase by phase, in one process: the quickstart simulated once, then
/// its report built <see cref="Repeats"/> times (report data, chart construction, SVG rendering per chart, HTML assembly).</summary>
/// <remarks>Whole-process wall time against another build is <c>tools/bench-report-wall</c>; this one says where the
/// report's time goes. Run from the repository root (it loads <c>scenarios/quickstart.yaml</c>). <c>--quick</c>: 1 repeat.</remarks>
public sealed class ReportBenchmark : IBenchmark
{
    private const string QuickstartScenario = "scenarios/quickstart.yaml"; // the README's scenario (issue #18's check)
    private const int Repeats = 5; // after one warm-up build: best and median of 5

    /// <inheritdoc />
    public string Name => "report";

    /// <inheritdoc />
    public string Description => "report.html of the quickstart in process: ms per phase (data, charts, SVG per chart, HTML), page size";

    /// <inheritdoc />
    public void Run(BenchOptions options, TextWriter output)
    {
        var path = Path.GetFullPath(QuickstartScenario);
        if (!File.Exists(path))
        {
            throw new Core.InputException("bench", "report", $"'{path}' does not exist", "run dessim-bench report from the repository root");
        }

        var sw = Stopwatch.StartNew();
        var run = ScenarioRunner.Run(ScenarioLoader.Load(path));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulate {sw.Elapsed.TotalMilliseconds:F0} ms ({run.Result.Requests.Count:N0} requests)"));
        // Why a written directory: the report is built from the result files (ResultDirectoryReader), as `run --report` does.
        var dir = Path.Combine(Path.GetTempPath(), $"dessim-bench-report-{Environment.ProcessId}");
        RunOutputs.Write(run, dir, report: false);
        var phases = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        void Add(string phase, double ms)
        {
            if (!phases.TryGetValue(phase, out var list))
            {
                phases[phase] = list = [];
            }

            list.Add(ms);
        }

        int bytes = 0;
        int repeats = options.Quick ? 1 : Repeats;
        for (int i = 0; i <= repeats; i++)
        {
            var warm = i > 0;
            var total = Stopwatch.StartNew();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            sw.Restart();
            var data = ResultDirectoryReader.Read(dir);
            double dataMs = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var charts = RunReport.Charts(data);
            double chartsMs = sw.Elapsed.TotalMilliseconds;
            var svgMs = new List<(string Name, double Ms)>();
            foreach (var c in charts)
            {
                sw.Restart();
                _ = c.Chart.RenderSvg();
                svgMs.Add(($"svg {c.Name}", sw.Elapsed.TotalMilliseconds));
            }

            sw.Restart();
            var html = RunReport.Build(data);
            double buildMs = sw.Elapsed.TotalMilliseconds;
            bytes = Encoding.UTF8.GetByteCount(html);
            if (warm)
            {
                Add("1 report data (read the result files)", dataMs);
                Add("2 chart construction", chartsMs);
                foreach (var (name, ms) in svgMs)
                {
                    Add($"3 {name}", ms);
                }

                Add("4 RunReport.Build (all of the above again, plus HTML)", buildMs);
                Add("5 total of this repeat", total.Elapsed.TotalMilliseconds);
                Add("6 CPU of this repeat (all threads)", (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
            }
        }

        Directory.Delete(dir, recursive: true);
        foreach (var (phase, ms) in phases)
        {
            ms.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase,-60} best {ms[0],8:F1} ms  median {ms[ms.Count / 2],8:F1} ms"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report.html {bytes:N0} bytes"));
    }
}
