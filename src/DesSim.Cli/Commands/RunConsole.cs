using System.Globalization;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;
using Spectre.Console;

namespace DesSim.Cli.Commands;

/// <summary>The terminal side of a run: a progress bar on a terminal, plain lines otherwise, and the summary table.</summary>
public sealed class RunConsole(TextWriter output, bool quiet)
{
    private static bool IsTerminal => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    /// <summary>Runs <paramref name="body"/>, showing its progress when attached to a terminal.</summary>
    public T WithProgress<T>(Func<Action<RunProgress>, T> body)
    {
        if (quiet || !IsTerminal || !ReferenceEquals(output, Console.Out))
        {
            return body(_ => { });
        }

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("simulating", maxValue: 1);
                result = body(p =>
                {
                    if (p.RequestsExpected is { } n && n > 0)
                    {
                        task.MaxValue = n;
                        task.Value = p.RequestsDone;
                    }
                    else
                    {
                        task.IsIndeterminate = true;
                    }

                    task.Description = string.Create(CultureInfo.InvariantCulture, $"t={p.SimulatedSeconds:F0}s  {p.RequestsDone:N0} requests done");
                });
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Prints the headline numbers and where the files went.</summary>
    public void PrintSummary(ScenarioRun run, string directory, IReadOnlyList<string> files)
    {
        if (quiet)
        {
            output.WriteLine(directory);
            return;
        }

        var s = run.Result.Summary;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = IsTerminal && ReferenceEquals(output, Console.Out) ? AnsiSupport.Detect : AnsiSupport.No, ColorSystem = ColorSystemSupport.Detect });
        console.Profile.Width = Math.Max(console.Profile.Width, 100);
        var table = new Table().Title(Markup.Escape($"{run.Scenario.Name}: {run.Deployment.Describe()}")).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        void Row(string k, string v) => table.AddRow(Markup.Escape(k), Markup.Escape(v));
        string F(double v, string fmt) => double.IsFinite(v) ? v.ToString(fmt, CultureInfo.InvariantCulture) : "n/a";
        Row("requests completed", $"{s.RequestsCompleted:N0}" + (s.RequestsRejected > 0 ? $" ({s.RequestsRejected:N0} rejected)" : string.Empty));
        Row("duration (simulated)", F(s.DurationSeconds, "F2") + " s");
        Row("request throughput", F(s.RequestThroughput, "F2") + " req/s");
        Row("output throughput", F(s.OutputThroughput, "F0") + " tok/s");
        Row("TTFT p50 / p99", $"{F(s.TtftMs.Median, "F1")} / {F(s.TtftMs.P99, "F1")} ms");
        Row("TPOT p50 / p99", $"{F(s.TpotMs.Median, "F2")} / {F(s.TpotMs.P99, "F2")} ms");
        Row("ITL p50 / p99", $"{F(s.ItlMs.Median, "F2")} / {F(s.ItlMs.P99, "F2")} ms");
        Row("E2E p50 / p99", $"{F(s.E2elMs.Median, "F0")} / {F(s.E2elMs.P99, "F0")} ms");
        Row("goodput (SLO)", $"{F(s.Goodput, "F2")} req/s ({F(100 * s.SloAttainment, "F1")}% met)");
        Row("GPU time: compute / TP / PP / EP+CP / bubble / idle", $"{Pct(s.ComputeShare)} / {Pct(s.TpCommShare)} / {Pct(s.PpCommShare)} / {Pct(s.OtherCommShare)} / {Pct(s.BubbleShare)} / {Pct(s.IdleShare)}");
        Row("preemptions", s.Preemptions.ToString(CultureInfo.InvariantCulture));
        console.Write(table);
        foreach (var note in run.Result.Notes)
        {
            output.WriteLine($"note: {note}");
        }

        output.WriteLine($"wrote {string.Join(", ", files)} to {directory}");
    }

    private static string Pct(double share) => (100 * share).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
