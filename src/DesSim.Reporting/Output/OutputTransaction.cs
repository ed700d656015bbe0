using DesSim.Core;

namespace DesSim.Reporting.Output;

/// <summary>Every output of one command: each staged (<see cref="AtomicDirectory"/>, <see cref="StagedFile"/>), checked
/// against the command's inputs when added, and published only by <see cref="Commit"/>, after every output is complete
/// and publishable. A command that fails before then leaves no output at all.</summary>
/// <remarks>The command-wide guarantees (docs/output.md): no output path is empty, equal to an input, inside an input
/// directory, or a directory holding an input; two outputs of one command never overlap. Each output is published by
/// one rename; several outputs are published one after another.</remarks>
public sealed class OutputTransaction : IDisposable
{
    private readonly List<IStagedOutput> _outputs = [];
    private readonly List<(string Path, string What)> _inputs = [];
    private bool _committed;

    /// <summary>Declares an input (a file or directory the command reads) that no output may touch.</summary>
    /// <param name="path">The input's path as the user gave it.</param>
    /// <param name="what">How to name it in an error (e.g. "the scenario").</param>
    public OutputTransaction Input(string path, string what)
    {
        _inputs.Add((OutputPaths.Full(path), what));
        return this;
    }

    /// <summary>Stages an output directory given by <paramref name="flag"/> (e.g. <c>--out</c>).</summary>
    public AtomicDirectory Directory(string? path, string flag, IEnumerable<string>? replaceable = null)
    {
        var full = Check(path, flag);
        return Add(new AtomicDirectory(full, replaceable));
    }

    /// <summary>Stages an output file given by <paramref name="flag"/>.</summary>
    public StagedFile File(string? path, string flag)
    {
        var full = Check(path, flag);
        return Add(new StagedFile(full));
    }

    /// <summary>Stages an output file and fills it with UTF-8 <paramref name="text"/>.</summary>
    public StagedFile WriteAllText(string? path, string flag, string text)
    {
        var file = File(path, flag);
        var bytes = AtomicFile.Utf8NoBom.GetBytes(text);
        file.Write(s => s.Write(bytes, 0, bytes.Length));
        return file;
    }

    /// <summary>Checks every output can be published, then publishes them in the order they were added.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        foreach (var o in _outputs)
        {
            o.CheckPublishable();
        }

        foreach (var o in _outputs)
        {
            o.Commit();
        }

        _committed = true;
    }

    /// <summary>Drops every uncommitted staging directory.</summary>
    public void Dispose()
    {
        foreach (var o in _outputs)
        {
            o.Dispose();
        }
    }

    private T Add<T>(T output)
        where T : IStagedOutput
    {
        _outputs.Add(output);
        return output;
    }

    private string Check(string? path, string flag)
    {
        var full = OutputPaths.Require(path, flag);
        foreach (var (input, what) in _inputs)
        {
            OutputPaths.CheckApart(full, flag, input, what);
        }

        foreach (var other in _outputs)
        {
            OutputPaths.CheckApart(full, flag, other.Target, "another output of this command");
        }

        return full;
    }
}
