using System.Diagnostics;
using System.Globalization;
using DesSim.Core;
using DesSim.Reporting.Output;

namespace DesSim.Cli.Cluster;

/// <summary>Submits a <see cref="ShardJob"/> to Slurm: writes the two scripts into the output directory's
/// <see cref="ShardJob.JobsFolder"/>, runs <c>sbatch --parsable --array=1-N</c>, then the merge with
/// <c>--dependency=afterok:ARRAY --kill-on-invalid-dep=yes</c>, and records the job ids in <see cref="JobIdsFile"/>.</summary>
/// <remarks>A failed sbatch is bad input (exit 2) with Slurm's own message and the command that failed; the scripts written
/// for it are removed again, and an array already submitted is cancelled (<c>scancel</c>), so nothing is left half-done.</remarks>
public static class SlurmSubmitter
{
    /// <summary>Where the job ids are recorded (<c>array=ID</c>, <c>merge=ID</c>), under <see cref="ShardJob.JobsFolder"/>.</summary>
    public const string JobIdsFile = "slurm-jobs.txt";

    /// <summary>How long one sbatch or scancel call may take before it counts as failed.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The job ids of one submission.</summary>
    public sealed record Submitted(string ArrayJobId, string MergeJobId, string ArrayScript, string MergeScript);

    /// <summary>The path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Writes both scripts (and, when <paramref name="submit"/>, submits them). Returns the script paths and job ids
    /// (empty ids for a dry run).</summary>
    /// <exception cref="InputException">sbatch is missing or refused a script.</exception>
    public static Submitted Write(ShardJob job, SlurmScripts.Options options, bool submit)
    {
        string? sbatch = null;
        if (submit)
        {
            sbatch = FindOnPath("sbatch") ?? throw new InputException("--submit slurm", null, "sbatch is not on PATH", "run on a Slurm login node (Debian: apt-get install slurm-client), or use --dry-run to only write the scripts");
        }

        var jobs = Path.Combine(job.OutputDirectory, ShardJob.JobsFolder);
        var arrayPath = Path.Combine(jobs, SlurmScripts.ArrayScript);
        var mergePath = Path.Combine(jobs, SlurmScripts.MergeScript);
        var idsPath = Path.Combine(jobs, JobIdsFile);
        bool outputExisted = Directory.Exists(job.OutputDirectory);
        WriteScript(arrayPath, SlurmScripts.Array(job, options));
        WriteScript(mergePath, SlurmScripts.Merge(job, options));
        if (sbatch is null)
        {
            return new Submitted(string.Empty, string.Empty, arrayPath, mergePath);
        }

        string arrayId;
        try
        {
            arrayId = Sbatch(sbatch, ["--parsable", $"--array=1-{job.Shards.ToString(CultureInfo.InvariantCulture)}", arrayPath]);
        }
        catch (InputException)
        {
            Remove(arrayPath, mergePath, job.OutputDirectory, outputExisted);
            throw;
        }

        string mergeId;
        try
        {
            mergeId = Sbatch(sbatch, ["--parsable", $"--dependency=afterok:{arrayId}", "--kill-on-invalid-dep=yes", mergePath]);
        }
        catch (InputException)
        {
            if (FindOnPath("scancel") is { } scancel)
            {
                Execute(scancel, [arrayId]);
            }

            Remove(arrayPath, mergePath, job.OutputDirectory, outputExisted);
            throw;
        }

        AtomicFile.WriteAllText(idsPath, $"array={arrayId}\nmerge={mergeId}\n");
        return new Submitted(arrayId, mergeId, arrayPath, mergePath);
    }

    private static void WriteScript(string path, string text)
    {
        AtomicFile.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    private static void Remove(string arrayPath, string mergePath, string outputDirectory, bool outputExisted)
    {
        File.Delete(arrayPath);
        File.Delete(mergePath);
        var jobs = Path.GetDirectoryName(arrayPath)!;
        if (Directory.Exists(jobs) && !Directory.EnumerateFileSystemEntries(jobs).Any())
        {
            Directory.Delete(jobs);
        }

        if (!outputExisted && Directory.Exists(outputDirectory) && !Directory.EnumerateFileSystemEntries(outputDirectory).Any())
        {
            Directory.Delete(outputDirectory);
        }
    }

    /// <summary>Runs sbatch; returns the job id (<c>--parsable</c> prints <c>ID</c> or <c>ID;CLUSTER</c>).</summary>
    private static string Sbatch(string sbatch, string[] args)
    {
        var (code, stdout, stderr) = Execute(sbatch, args);
        var id = stdout.Split(';', '\n')[0].Trim();
        if (code != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
        {
            var said = string.Join("; ", stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            throw new InputException($"{sbatch} {string.Join(' ', args)}", null, $"failed (exit {code}): {(said.Length > 0 ? said : stdout.Trim())}");
        }

        return id;
    }

    private static (int Code, string Stdout, string Stderr) Execute(string program, string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InputException(program, null, "could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill();
            throw new InputException($"{program} {string.Join(' ', args)}", null, $"did not finish within {CommandTimeout.TotalSeconds:F0} s (is slurmctld reachable?)");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
