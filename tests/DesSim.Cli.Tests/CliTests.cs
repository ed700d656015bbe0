using DesSim.Cli;

namespace DesSim.Cli.Tests;

public sealed class CliTests
{
    /// <summary>Runs dessim in process, or as the native binary when <see cref="CliHost.NativeVariable"/> is set.</summary>
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        string? native = CliHost.NativeBinary;
        if (native is not null)
        {
            return CliHost.RunNative(native, args);
        }

        var o = new StringWriter();
        var e = new StringWriter();
        int code = Program.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Test]
    public void HelpListsCommandsAndExitsZero()
    {
        var (code, output, _) = Run("--help");
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output, Does.Contain("run").And.Contain("sweep").And.Contain("plan"));
    }

    [Test]
    public void VersionPrintsTheAssemblyVersion()
    {
        var (code, output, _) = Run("--version");
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output.Trim(), Does.Match(@"^\d+\.\d+"));
    }

    [Test]
    public void UnknownCommandIsBadInputWithoutStackTrace()
    {
        var (code, _, err) = Run("frobnicate");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("frobnicate"));
        Assert.That(err, Does.Not.Contain("   at "));
    }

    [Test]
    public void InternalErrorsExitOneAndShowStackOnlyWhenVerbose()
    {
        var quiet = new StringWriter();
        Assert.That(CommandGuard.Run(() => throw new InvalidOperationException("boom"), false, quiet), Is.EqualTo(ExitCodes.InternalError));
        Assert.That(quiet.ToString(), Does.Contain("boom").And.Not.Contain("   at "));
        var loud = new StringWriter();
        CommandGuard.Run(() => throw new InvalidOperationException("boom"), true, loud);
        Assert.That(loud.ToString(), Does.Contain("   at "));
    }
}
