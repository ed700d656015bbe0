using System.CommandLine;
using DesSim.Reporting.Charts;
using DesSim.Reporting.Compare;
using DesSim.Reporting.Output;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim compare RUN_DIR RUN_DIR … [--out DIR] [--png-dir DIR] [--svg-dir DIR]</c>: one self-contained
/// <c>compare.html</c> of 2–8 runs side by side, from their written result files.</summary>
/// <remarks>Every directory is read and every chart rendered before anything is written; compare.html is published
/// with its directory, and each image by one rename (<see cref="OutputTransaction"/>). A directory that is not a
/// result, of another result format, given twice, or fewer than 2 or more than 8 of them: exit 2 naming it, nothing written.</remarks>
public static class CompareCommand
{
    /// <summary>Output directory when --out is not given.</summary>
    public const string DefaultOut = "results/compare";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dirs = new Argument<string[]>("run-dirs") { Description = "Output directories of 2 to 8 dessim runs", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = $"Output directory for compare.html (default: {DefaultOut})" };
        var svgDir = new Option<string?>("--svg-dir") { Description = "Also write each chart as its own .svg into this directory" };
        var pngDir = new Option<string?>("--png-dir") { Description = "Also write each chart as its own 1600x900 .png into this directory (for slides and docs)" };
        var cmd = new Command("compare", "Compare 2-8 result directories side by side in one compare.html (CDFs, throughput, goodput, GPU time, headline metrics)") { dirs, output, svgDir, pngDir };
        cmd.SetAction(parse =>
        {
            var directories = parse.GetValue(dirs) ?? [];
            var outDir = parse.GetValue(output) ?? DefaultOut;
            using var outputs = new OutputTransaction();
            foreach (var directory in directories)
            {
                outputs.Input(directory, "a compared result directory");
            }

            // Why before reading: a bad --out or image directory fails before eight directories are parsed.
            var staged = outputs.Directory(outDir, "--out");
            staged.CheckPublishable();
            var images = new[] { (Dir: parse.GetValue(svgDir), Flag: "--svg-dir", Ext: ".svg"), (Dir: parse.GetValue(pngDir), Flag: "--png-dir", Ext: ".png") }
                .Where(t => t.Dir is not null).ToArray();
            foreach (var (dir, flag, _) in images)
            {
                OutputPaths.Require(dir, flag);
            }

            var runs = CompareReader.Read(directories);
            staged.WriteAllText("compare.html", ComparePage.Build(runs));
            var written = new List<string> { $"compare.html to {outDir}" };
            if (images.Length > 0)
            {
                var charts = ComparePage.Charts(runs);
                foreach (var (dir, flag, ext) in images)
                {
                    foreach (var chart in charts)
                    {
                        var bytes = ChartFiles.Encode(chart.Name + ext, chart.Chart);
                        outputs.File(Path.Combine(dir!, chart.Name + ext), flag).Write(s => s.Write(bytes));
                    }

                    written.Add($"{string.Join(", ", charts.Select(c => c.Name + ext))} to {dir}");
                }
            }

            outputs.Commit();
            var stdout = parse.InvocationConfiguration.Output;
            foreach (var line in written)
            {
                stdout.WriteLine($"wrote {line}");
            }

            return ExitCodes.Success;
        });
        return cmd;
    }
}
