using System.CommandLine;
using DesSim.Reporting.Sweeps;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim merge --out DIR SHARD_DIR...</c>: combine sweep shard outputs into one sweep directory.</summary>
public static class MergeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var shards = new Argument<string[]>("shards") { Description = "Output directories of every shard of one sweep", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Merged output directory", Required = true };
        var cmd = new Command("merge", "Combine the shards of a sweep into the sweep.csv a single run writes (byte-identical)") { shards, output };
        cmd.SetAction(parse =>
        {
            var dir = parse.GetValue(output)!;
            int n = SweepMerger.Merge(parse.GetValue(shards)!, dir);
            parse.InvocationConfiguration.Output.WriteLine($"merged {n} points into {Path.Combine(dir, SweepDirectory.CsvFileName)}");
            return ExitCodes.Success;
        });
        return cmd;
    }
}
