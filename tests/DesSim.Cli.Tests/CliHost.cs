using System.Diagnostics;

namespace DesSim.Cli.Tests;

/// <summary>
/// Where the CLI tests run <c>dessim</c>: in this process (the JIT build, <see cref="Program.Run"/>) by default, or as a
/// separate process of the native binary named by <c>DESSIM_CLI</c> (set by <c>.ci/run</c> for its second pass over the
/// CLI tests, after <c>./dessim</c> has published the NativeAOT build).
/// </summary>
internal static class CliHost
{
    /// <summary>The environment variable naming the native binary.</summary>
    public const string NativeVariable = "DESSIM_CLI";

    /// <summary>Longest a native command may take in a test before it is killed and the test fails.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The native binary's full path, or null when the tests run the CLI in process.</summary>
    public static string? NativeBinary
    {
        get
        {
            string? path = Environment.GetEnvironmentVariable(NativeVariable);
            if (string.IsNullOrEmpty(path))
            {
                return null;
            }

            string full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new FileNotFoundException($"{NativeVariable}={path}: no such binary (run ./dessim --version first)", full);
            }

            return full;
        }
    }

    /// <summary>The repository root (the folder holding DesSim.sln above the test binaries).</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DesSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("no DesSim.sln above " + TestContext.CurrentContext.TestDirectory);
    }

    /// <summary>Runs the native binary with <paramref name="args"/> in the current directory; returns code and both streams.</summary>
    public static (int Code, string Out, string Err) RunNative(string binary, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Environment.CurrentDirectory,
        };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {binary}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{binary} {string.Join(' ', args)} ran over {Timeout}");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
