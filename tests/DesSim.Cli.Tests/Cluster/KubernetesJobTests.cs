using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DesSim.Cli.Tests.Cluster;

/// <summary>The Kubernetes Indexed Job the CLI writes runs the very command of the Slurm array task, on the same paths, and
/// docs/examples holds the current rendering of both. (No Kubernetes cluster is available to apply it.)</summary>
public sealed partial class KubernetesJobTests
{
    private const string ExampleOut = "/results/llama70b-h100-chat-sweep";
    private const string ExampleRoot = "/work";

    [Test]
    public void IndexedJobRunsTheSlurmShardCommandOnTheSamePaths()
    {
        var (outDir, slurm, merge, kube) = Render(shards: 8, cpus: 4);
        var shardLine = slurm.Split('\n').Single(l => l.StartsWith("exec ", StringComparison.Ordinal));
        var mergeLine = merge.Split('\n').Single(l => l.StartsWith("exec ", StringComparison.Ordinal));
        Assert.That(slurm, Does.Contain("shard=\"${SLURM_ARRAY_TASK_ID}\"\n").And.Contain("#SBATCH --array=1-8\n").And.Contain($"#SBATCH --chdir={Environment.CurrentDirectory}\n"));
        Assert.That(shardLine, Does.Contain(" --shard \"${shard}\"/8 --out '" + outDir + "/shards/'\"${shard}\""));

        var docs = new YamlStream();
        docs.Load(new StringReader(kube));
        Assert.That(docs.Documents, Has.Count.EqualTo(2));
        var shards = Container(docs.Documents[0], out var spec0, out var pod0);
        var merger = Container(docs.Documents[1], out _, out var pod1);
        Assert.Multiple(() =>
        {
            Assert.That(((YamlScalarNode)spec0["completionMode"]).Value, Is.EqualTo("Indexed"));
            Assert.That(((YamlScalarNode)spec0["completions"]).Value, Is.EqualTo("8"));
            Assert.That(Args(shards), Is.EqualTo("shard=$((JOB_COMPLETION_INDEX + 1)); " + shardLine), "the pod runs the Slurm task's command");
            Assert.That(Args(merger), Is.EqualTo(mergeLine), "the merge pod runs the Slurm merge's command");
            foreach (var (c, pod) in new[] { (shards, pod0), (merger, pod1) })
            {
                Assert.That(((YamlScalarNode)c["workingDir"]).Value, Is.EqualTo(Environment.CurrentDirectory), "workingDir = Slurm --chdir");
                var mount = (YamlMappingNode)((YamlSequenceNode)c["volumeMounts"])[0];
                Assert.That(((YamlScalarNode)mount["mountPath"]).Value, Is.EqualTo(outDir), "the results volume is mounted at --out, the Slurm scripts' paths");
                var volume = (YamlMappingNode)((YamlSequenceNode)pod["volumes"])[0];
                Assert.That(((YamlScalarNode)((YamlMappingNode)volume["persistentVolumeClaim"])["claimName"]).Value, Is.EqualTo("dessim-results"));
            }
        });
    }

    [TestCase("sweep-indexed-job.yaml", "kube")]
    [TestCase("sweep-slurm-shards.sbatch", "slurm")]
    [TestCase("sweep-slurm-merge.sbatch", "merge")]
    public void DocsExampleIsTheCurrentRendering(string file, string which)
    {
        var (outDir, slurm, merge, kube) = Render(shards: 8, cpus: 4);
        var text = which switch { "kube" => kube, "slurm" => slurm, _ => merge };
        var root = CliHost.RepoRoot();
        var normalized = Fingerprint().Replace(text.Replace(outDir, ExampleOut, StringComparison.Ordinal).Replace(Environment.CurrentDirectory, ExampleRoot, StringComparison.Ordinal).Replace(root, ExampleRoot, StringComparison.Ordinal), "FINGERPRINT");
        var path = Path.Combine(root, "docs", "examples", file);
        var expected = Fingerprint().Replace(File.ReadAllText(path), "FINGERPRINT");
        Assert.That(normalized, Is.EqualTo(expected), $"{path} is out of date with the CLI's template; regenerate it (see docs/sweeps.md, Running on Slurm)");
    }

    /// <summary>The Slurm scripts and Kubernetes manifests of the shipped chat sweep, as the CLI writes them.</summary>
    private static (string Out, string Slurm, string Merge, string Kube) Render(int shards, int cpus)
    {
        var root = CliHost.RepoRoot();
        var outDir = Path.Combine(Sweeps.SweepFixture.NewDir(), "out");
        string[] common = [Path.Combine(root, "scenarios", "llama70b-h100-chat.yaml"), "--grid", Path.Combine(root, "scenarios", "grids", "layouts-by-rate.yaml"), "--out", outDir, "--shards", shards.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cpus-per-task", cpus.ToString(System.Globalization.CultureInfo.InvariantCulture), "--launcher", "dessim"];
        var (code, _, err) = SlurmSweepTests.Dessim(["sweep", .. common, "--submit", "slurm", "--dry-run", "--requeue", "--time", "01:00:00"]);
        Assert.That(code, Is.Zero, err);
        (code, _, err) = SlurmSweepTests.Dessim(["sweep", .. common, "--submit", "kubernetes", "--image", "registry.example.com/dessim:0.1.0"]);
        Assert.That(code, Is.Zero, err);
        var jobs = Path.Combine(outDir, "jobs");
        return (outDir, File.ReadAllText(Path.Combine(jobs, "slurm-shards.sbatch")), File.ReadAllText(Path.Combine(jobs, "slurm-merge.sbatch")), File.ReadAllText(Path.Combine(jobs, "kubernetes-jobs.yaml")));
    }

    private static YamlMappingNode Container(YamlDocument doc, out YamlMappingNode spec, out YamlMappingNode pod)
    {
        spec = (YamlMappingNode)((YamlMappingNode)doc.RootNode)["spec"];
        pod = (YamlMappingNode)((YamlMappingNode)spec["template"])["spec"];
        return (YamlMappingNode)((YamlSequenceNode)pod["containers"])[0];
    }

    private static string Args(YamlMappingNode container) => ((YamlScalarNode)((YamlSequenceNode)container["args"])[0]).Value!;

    [GeneratedRegex("[0-9a-f]{16}")]
    private static partial Regex Fingerprint();
}
