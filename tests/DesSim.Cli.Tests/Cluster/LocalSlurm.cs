using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DesSim.Cli.Tests.Cluster;

/// <summary>The one-node Slurm cluster of deploy/slurm/local-cluster.sh, for the <c>Slurm</c> test category.</summary>
/// <remarks>Uses the cluster .ci/run started (<c>DESSIM_SLURM_DIR</c> and <c>SLURM_CONF</c> set) or, as root with Slurm
/// installed, starts its own on free ports and stops it by the pids the script recorded. Where neither works the reason is
/// returned and the tests are ignored with it.</remarks>
internal sealed class LocalSlurm
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private LocalSlurm(string directory, bool owned)
    {
        Directory = directory;
        Owned = owned;
    }

    public string Directory { get; }

    public bool Owned { get; }

    public static string Script => Path.Combine(CliHost.RepoRoot(), "deploy", "slurm", "local-cluster.sh");

    /// <summary>The running cluster, or the reason there is none.</summary>
    public static (LocalSlurm? Cluster, string Reason) Acquire()
    {
        if (Environment.GetEnvironmentVariable("DESSIM_SLURM_DIR") is { Length: > 0 } given && File.Exists(Path.Combine(given, "slurm.conf")))
        {
            Environment.SetEnvironmentVariable("SLURM_CONF", Path.Combine(given, "slurm.conf"));
            return (new LocalSlurm(given, owned: false), string.Empty);
        }

        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return (null, "Slurm tests need Linux as root (or DESSIM_SLURM_DIR from deploy/slurm/local-cluster.sh start); .ci/run starts one");
        }

        var dir = Path.Combine(Path.GetTempPath(), "dessim-slurm-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var env = new Dictionary<string, string> { ["DESSIM_SLURM_PORT"] = FreePortPair().ToString(System.Globalization.CultureInfo.InvariantCulture), ["DESSIM_SLURM_NO_INSTALL"] = "1" };
        var (code, output) = Run("bash", [Script, "start", dir], env);
        if (code != 0)
        {
            return (null, $"a local Slurm cluster could not start (deploy/slurm/local-cluster.sh exit {code}): {output.Trim()}");
        }

        Environment.SetEnvironmentVariable("SLURM_CONF", Path.Combine(dir, "slurm.conf"));
        return (new LocalSlurm(dir, owned: true), string.Empty);
    }

    public void Release()
    {
        if (Owned)
        {
            Run("bash", [Script, "stop", Directory]);
        }
    }

    /// <summary>A Slurm client command (squeue, scontrol, ...); throws when it fails.</summary>
    public static string Client(string program, params string[] args)
    {
        var (code, output) = Run(program, args);
        Assert.That(code, Is.Zero, $"{program} {string.Join(' ', args)}: {output}");
        return output;
    }

    /// <summary>The <c>JobState</c> of a job (or array task <c>ID_K</c>).</summary>
    public static string JobState(string id)
    {
        var line = Client("scontrol", "show", "job", "-o", id);
        var field = line.Split(' ').First(f => f.StartsWith("JobState=", StringComparison.Ordinal));
        return field["JobState=".Length..];
    }

    /// <summary>Waits until the job reaches one of <paramref name="states"/>; fails the test on a terminal other state or timeout.</summary>
    public static string WaitFor(string id, TimeSpan timeout, params string[] states)
    {
        var clock = Stopwatch.StartNew();
        string state;
        while (!states.Contains(state = JobState(id)))
        {
            if (state is "FAILED" or "CANCELLED" or "TIMEOUT" or "NODE_FAIL" or "OUT_OF_MEMORY" or "BOOT_FAIL" or "DEADLINE")
            {
                Assert.Fail($"job {id} ended {state}, waiting for {string.Join('|', states)}");
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"job {id} still {state} after {timeout.TotalSeconds:F0} s, waiting for {string.Join('|', states)}");
            }

            Thread.Sleep(50);
        }

        return state;
    }

    public static (int Code, string Output) Run(string program, string[] args, IReadOnlyDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        try
        {
            using var p = Process.Start(info)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(CommandTimeout))
            {
                p.Kill(entireProcessTree: true);
                return (124, $"timed out after {CommandTimeout.TotalSeconds:F0} s");
            }

            return (p.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, $"{program}: {e.Message}");
        }
    }

    /// <summary>A port p with p and p + 1 free now (slurmctld, slurmd).</summary>
    private static int FreePortPair()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            using var a = new TcpListener(IPAddress.Loopback, 0);
            a.Start();
            int port = ((IPEndPoint)a.LocalEndpoint).Port;
            try
            {
                using var b = new TcpListener(IPAddress.Loopback, port + 1);
                b.Start();
                return port;
            }
            catch (SocketException)
            {
                // Why: the neighbour is taken; try another pair.
            }
        }

        throw new InvalidOperationException("no free pair of ports");
    }
}
