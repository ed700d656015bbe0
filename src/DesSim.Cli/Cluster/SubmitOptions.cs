using System.CommandLine;
using System.Globalization;
using DesSim.Core;

namespace DesSim.Cli.Cluster;

/// <summary>The <c>--submit slurm|kubernetes</c> options of <c>sweep</c>, <c>plan</c> and <c>capacity</c>, and the common
/// submission step: validate, render the scripts into the output directory, submit (Slurm), print how to follow.</summary>
public sealed class SubmitOptions
{
    /// <summary>CPUs per shard task when <c>--cpus-per-task</c> is not given.</summary>
    public const int DefaultCpusPerTask = 1;

    private readonly Option<string?> _submit = new("--submit") { Description = "Run on a cluster instead of here: slurm (job array + dependent merge, submitted with sbatch) or kubernetes (writes an Indexed Job; never applied)" };
    private readonly Option<int?> _shards = new("--shards") { Description = "With --submit: number of shards (array tasks / pods)" };
    private readonly Option<string?> _partition = new("--partition") { Description = "With --submit slurm: the partition (sbatch --partition)" };
    private readonly Option<string?> _time = new("--time") { Description = "With --submit slurm: time limit per task (sbatch --time, e.g. 01:00:00)" };
    private readonly Option<int?> _cpus = new("--cpus-per-task") { Description = "With --submit: CPUs per shard, also its --jobs (default 1)" };
    private readonly Option<bool> _requeue = new("--requeue") { Description = "With --submit slurm: let Slurm requeue a preempted or failed task (it resumes its shard)" };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "With --submit: write the scripts into --out but submit nothing" };
    private readonly Option<string?> _launcher = new("--launcher") { Description = "With --submit: the command the jobs run dessim with (default: this dessim's own executable)" };
    private readonly Option<string?> _image = new("--image") { Description = "With --submit kubernetes: the container image (dessim and the scenario files inside)" };
    private readonly Option<string> _claim = new("--volume-claim") { Description = "With --submit kubernetes: the ReadWriteMany claim mounted at --out", DefaultValueFactory = _ => "dessim-results" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _submit, _shards, _partition, _time, _cpus, _requeue, _dryRun, _launcher, _image, _claim })
        {
            command.Options.Add(o);
        }
    }

    /// <summary>Whether <c>--submit</c> was given; validates the submission options either way (before any work).</summary>
    /// <exception cref="InputException">A bad or misplaced submission option.</exception>
    public bool Requested(ParseResult parse)
    {
        var target = parse.GetValue(_submit);
        if (target is null)
        {
            foreach (var (name, given) in new[] { ("--shards", parse.GetValue(_shards) is not null), ("--partition", parse.GetValue(_partition) is not null), ("--time", parse.GetValue(_time) is not null), ("--cpus-per-task", parse.GetValue(_cpus) is not null), ("--requeue", parse.GetValue(_requeue)), ("--dry-run", parse.GetValue(_dryRun)), ("--image", parse.GetValue(_image) is not null) })
            {
                if (given)
                {
                    throw new InputException(name, null, "only applies with --submit slurm|kubernetes");
                }
            }

            return false;
        }

        if (target is not ("slurm" or "kubernetes"))
        {
            throw new InputException("--submit", target, "expected slurm or kubernetes");
        }

        if (parse.GetValue(_shards) is not { } n)
        {
            throw new InputException("--shards", null, $"--submit {target} needs --shards N (N ≥ 1)");
        }

        if (n < 1)
        {
            throw new InputException("--shards", n.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
        }

        if (parse.GetValue(_cpus) is < 1)
        {
            throw new InputException("--cpus-per-task", null, "must be ≥ 1");
        }

        if (target == "kubernetes" && parse.GetValue(_image) is null)
        {
            throw new InputException("--image", null, "--submit kubernetes needs the container image to run (--image REGISTRY/dessim:TAG)");
        }

        if (target == "slurm" && !parse.GetValue(_dryRun) && SlurmSubmitter.FindOnPath("sbatch") is null)
        {
            throw new InputException("--submit slurm", null, "sbatch is not on PATH", "run on a Slurm login node (Debian: apt-get install slurm-client), or add --dry-run to only write the scripts");
        }

        return true;
    }

    /// <summary>The number of shards (after <see cref="Requested"/>).</summary>
    public int Shards(ParseResult parse) => parse.GetValue(_shards) ?? 1;

    /// <summary>CPUs per shard task.</summary>
    public int CpusPerTask(ParseResult parse) => parse.GetValue(_cpus) ?? DefaultCpusPerTask;

    /// <summary>The launcher words: <c>--launcher</c> split on spaces, else this process's dessim (the apphost next to the CLI
    /// assembly, or <c>dotnet dessim.dll</c>).</summary>
    public IReadOnlyList<string> Launcher(ParseResult parse)
    {
        if (parse.GetValue(_launcher) is { } given)
        {
            var words = given.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words.Length > 0 ? words : throw new InputException("--launcher", given, "is empty");
        }

        var dir = AppContext.BaseDirectory;
        var apphost = Path.Combine(dir, OperatingSystem.IsWindows() ? "dessim.exe" : "dessim");
        if (File.Exists(apphost))
        {
            return [apphost];
        }

        var dotnet = Environment.ProcessPath ?? "dotnet";
        return [dotnet, Path.Combine(dir, "dessim.dll")];
    }

    /// <summary>Renders <paramref name="job"/> for the chosen cluster into its output directory, submits it (Slurm, unless
    /// <c>--dry-run</c>) and prints what was written, the job ids and how to follow them.</summary>
    public void Submit(ParseResult parse, ShardJob job, TextWriter stdout)
    {
        foreach (var (what, path) in new[] { ("--out", job.OutputDirectory), ("the working directory", job.WorkingDirectory) })
        {
            if (path.Any(char.IsWhiteSpace))
            {
                throw new InputException(what, path, "holds whitespace, which #SBATCH lines and job specs cannot quote", "use a path without spaces");
            }
        }

        if (parse.GetValue(_submit) == "kubernetes")
        {
            var path = Path.Combine(job.OutputDirectory, ShardJob.JobsFolder, KubernetesIndexedJob.FileName);
            Reporting.Output.AtomicFile.WriteAllText(path, KubernetesIndexedJob.Render(job, new KubernetesIndexedJob.Options(parse.GetValue(_image)!, parse.GetValue(_claim)!)));
            stdout.WriteLine($"wrote {path} (not applied: kubectl apply -f {path} -l dessim/role=shards, wait for job/{job.JobName()}, then -l dessim/role=merge)");
            return;
        }

        bool dry = parse.GetValue(_dryRun);
        var options = new SlurmScripts.Options(parse.GetValue(_partition), parse.GetValue(_time), parse.GetValue(_requeue));
        var s = SlurmSubmitter.Write(job, options, submit: !dry);
        stdout.WriteLine($"wrote {s.ArrayScript} and {s.MergeScript}");
        if (dry)
        {
            stdout.WriteLine($"dry run: nothing submitted; submit with: sbatch --parsable --array=1-{job.Shards} {s.ArrayScript}, then sbatch --dependency=afterok:ARRAY_ID --kill-on-invalid-dep=yes {s.MergeScript}");
            return;
        }

        stdout.WriteLine($"submitted array job {s.ArrayJobId} ({job.Shards} task(s)) and merge job {s.MergeJobId} (afterok:{s.ArrayJobId})");
        stdout.WriteLine($"follow: squeue -j {s.ArrayJobId},{s.MergeJobId}; logs in {Path.Combine(job.OutputDirectory, ShardJob.JobsFolder)}; progress: dessim sweep --status {job.OutputDirectory}");
        stdout.WriteLine($"results land in {job.OutputDirectory} when job {s.MergeJobId} completes");
    }
}
