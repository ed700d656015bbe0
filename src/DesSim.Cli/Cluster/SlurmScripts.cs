using System.Globalization;
using System.Text;

namespace DesSim.Cli.Cluster;

/// <summary>Renders the two Slurm batch scripts of a <see cref="ShardJob"/>: the job array (one task per shard) and the
/// merge, submitted with <c>--dependency=afterok:ARRAY</c>.</summary>
/// <remarks>Directives are sbatch's own (Slurm 22.05 sbatch(1)): <c>--array=1-N</c> makes <c>SLURM_ARRAY_TASK_ID</c> the
/// shard; <c>--open-mode=append</c> keeps a requeued task's earlier log; <c>--requeue</c> lets Slurm requeue a task after a
/// node failure or preemption, and the task resumes its shard (completed points are skipped); <c>--chdir</c> is the
/// directory the study was submitted from, so relative paths inside scenario files resolve as they did there.</remarks>
public static class SlurmScripts
{
    /// <summary>File name of the job-array script, under <see cref="ShardJob.JobsFolder"/>.</summary>
    public const string ArrayScript = "slurm-shards.sbatch";

    /// <summary>File name of the merge script, under <see cref="ShardJob.JobsFolder"/>.</summary>
    public const string MergeScript = "slurm-merge.sbatch";

    /// <summary>Options of one submission that are Slurm's, not the study's.</summary>
    public sealed record Options(string? Partition, string? TimeLimit, bool Requeue);

    /// <summary>The job-array script.</summary>
    public static string Array(ShardJob job, Options options)
    {
        var sb = Header(job, options, job.JobName(), "shard-%a.log", job.CpusPerTask);
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --array=1-{job.Shards}\n");
        if (options.Requeue)
        {
            sb.Append("#SBATCH --requeue\n");
        }

        sb.Append("set -euo pipefail\n");
        sb.Append(CultureInfo.InvariantCulture, $"{ShardJob.ShardVariable}=\"${{SLURM_ARRAY_TASK_ID}}\"\n");
        sb.Append(CultureInfo.InvariantCulture, $"echo \"dessim {job.Study} shard ${{{ShardJob.ShardVariable}}}/{job.Shards} on $(hostname), restart ${{SLURM_RESTART_COUNT:-0}}\"\n");
        sb.Append("exec ").Append(job.ShardCommandLine()).Append('\n');
        return sb.ToString();
    }

    /// <summary>The merge script (one CPU; it only reads the shards and writes the results).</summary>
    public static string Merge(ShardJob job, Options options)
    {
        var sb = Header(job, options, job.JobName("-merge"), "merge.log", 1);
        sb.Append("set -euo pipefail\n");
        sb.Append("exec ").Append(job.MergeCommandLine()).Append('\n');
        return sb.ToString();
    }

    private static StringBuilder Header(ShardJob job, Options options, string name, string log, int cpus)
    {
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append(CultureInfo.InvariantCulture, $"# Written by `dessim {job.Study} --submit slurm` for {job.Study} {job.Fingerprint} in {job.Shards} shard(s); see docs/sweeps.md, \"Running on Slurm\".\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={name}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --chdir={job.WorkingDirectory}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(job.OutputDirectory, ShardJob.JobsFolder, log)}\n");
        sb.Append("#SBATCH --open-mode=append\n");
        sb.Append("#SBATCH --ntasks=1\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={cpus}\n");
        if (options.Partition is { } p)
        {
            sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={p}\n");
        }

        if (options.TimeLimit is { } t)
        {
            sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={t}\n");
        }

        return sb;
    }
}
