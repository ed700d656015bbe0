using System.Globalization;
using System.Text;

namespace DesSim.Cli.Cluster;

/// <summary>Renders a <see cref="ShardJob"/> as Kubernetes manifests: an Indexed Job with one pod per shard, and the merge Job
/// to apply once it has completed (Kubernetes has no job dependencies).</summary>
/// <remarks>batch/v1 Job fields (Kubernetes 1.29+ API reference): <c>completionMode: Indexed</c> gives each pod
/// <c>JOB_COMPLETION_INDEX</c> (0-based), so the shard is that + 1; <c>backoffLimitPerIndex</c> restarts a failed shard, which
/// resumes. The results volume (a ReadWriteMany claim) is mounted at the study's output directory itself and the pod works in
/// the submitting directory, so every pod runs the very command line of the Slurm array task (<see cref="SlurmScripts"/>).
/// Not tested against a cluster: the project's CI has none.</remarks>
public static class KubernetesIndexedJob
{
    /// <summary>File name of the manifests, under <see cref="ShardJob.JobsFolder"/>.</summary>
    public const string FileName = "kubernetes-jobs.yaml";

    /// <summary>Retries per shard before the Job gives up on it.</summary>
    public const int BackoffLimitPerIndex = 3;

    /// <summary>Cluster-specific fields: the container image (holding the launcher and the scenario files at the working
    /// directory) and the claim that holds the output directory.</summary>
    public sealed record Options(string Image, string VolumeClaim);

    /// <summary>The two manifests, separated by <c>---</c>.</summary>
    public static string Render(ShardJob job, Options options)
    {
        var n = job.Shards.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# Written by `dessim {job.Study} --submit kubernetes` for {job.Study} {job.Fingerprint} in {n} shard(s); see docs/sweeps.md.\n");
        sb.Append(CultureInfo.InvariantCulture, $"# kubectl apply -f THIS --selector=dessim/role=shards; kubectl wait --for=condition=complete --timeout=-1s job/{job.JobName()}\n");
        sb.Append("# then: kubectl apply -f THIS --selector=dessim/role=merge\n");
        Job(sb, job, options, job.JobName(), "shards", indexed: true,
            $"{ShardJob.ShardVariable}=$((JOB_COMPLETION_INDEX + 1)); exec {job.ShardCommandLine()}", job.CpusPerTask);
        sb.Append("---\n");
        Job(sb, job, options, job.JobName("-merge"), "merge", indexed: false, $"exec {job.MergeCommandLine()}", 1);
        return sb.ToString();
    }

    private static void Job(StringBuilder sb, ShardJob job, Options o, string name, string role, bool indexed, string script, int cpus)
    {
        sb.Append("apiVersion: batch/v1\nkind: Job\nmetadata:\n");
        sb.Append(CultureInfo.InvariantCulture, $"  name: {name}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  labels: {{ dessim/role: {role} }}\n");
        sb.Append("spec:\n");
        if (indexed)
        {
            sb.Append("  completionMode: Indexed\n");
            sb.Append(CultureInfo.InvariantCulture, $"  completions: {job.Shards}\n");
            sb.Append(CultureInfo.InvariantCulture, $"  parallelism: {job.Shards}\n");
            sb.Append(CultureInfo.InvariantCulture, $"  backoffLimitPerIndex: {BackoffLimitPerIndex}\n");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"  backoffLimit: {BackoffLimitPerIndex}\n");
        }

        sb.Append("  template:\n    spec:\n      restartPolicy: Never\n      containers:\n");
        sb.Append("        - name: dessim\n");
        sb.Append(CultureInfo.InvariantCulture, $"          image: {Scalar(o.Image)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"          workingDir: {Scalar(job.WorkingDirectory)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"          resources: {{ requests: {{ cpu: \"{cpus}\" }} }}\n");
        sb.Append("          command: [\"/bin/sh\", \"-c\"]\n");
        sb.Append(CultureInfo.InvariantCulture, $"          args: [{Scalar(script)}]\n");
        sb.Append(CultureInfo.InvariantCulture, $"          volumeMounts: [{{ name: results, mountPath: {Scalar(job.OutputDirectory)} }}]\n");
        sb.Append(CultureInfo.InvariantCulture, $"      volumes: [{{ name: results, persistentVolumeClaim: {{ claimName: {Scalar(o.VolumeClaim)} }} }}]\n");
    }

    /// <summary>A YAML double-quoted scalar (backslash and double quote escaped), so any text survives as written.</summary>
    private static string Scalar(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
