using System.CommandLine;
using DesSim.Core;
using DesSim.Reporting.Sweeps;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim merge --out DIR SHARD_DIR...</c>: combine sweep shard outputs into one sweep directory.</summary>
public static class MergeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var shards = new Argument<string[]>("shards") { Description = "Output directories of every shard of one sweep", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string?>("--out") { Description = "Merged output directory" };
        var submission = new Option<string?>("--submission") { Description = "Merge DIR/shards/1..N of a --submit run into DIR itself (what the merge job runs)" };
        var cmd = new Command("merge", "Combine the shards of a sweep into the sweep.csv a single run writes (byte-identical)") { shards, output, submission };
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(submission) is { } root)
            {
                if (parse.GetValue(output) is not null || parse.GetValue(shards) is { Length: > 0 })
                {
                    throw new InputException("--submission", root, "takes no --out and no shard directories (it merges DIR/shards/* into DIR)");
                }

                int merged = SweepMerger.MergeSubmission(root);
                parse.InvocationConfiguration.Output.WriteLine($"merged {merged} points into {Path.Combine(root, SweepDirectory.CsvFileName)}");
                return ExitCodes.Success;
            }

            var dir = parse.GetValue(output) ?? throw new InputException("merge", null, "needs --out DIR and the shard directories (or --submission DIR)");
            if (parse.GetValue(shards) is not { Length: > 0 })
            {
                throw new InputException("merge", null, "needs the shard directories to merge");
            }

            int n = SweepMerger.Merge(parse.GetValue(shards)!, dir);
            parse.InvocationConfiguration.Output.WriteLine($"merged {n} points into {Path.Combine(dir, SweepDirectory.CsvFileName)}");
            return ExitCodes.Success;
        });
        return cmd;
    }
}
