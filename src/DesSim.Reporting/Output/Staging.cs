using System.Text.RegularExpressions;

namespace DesSim.Reporting.Output;

/// <summary>One staging directory <c>PARENT/.NAME.staging-GUID/</c> next to an output <c>PARENT/NAME</c>, with an owner
/// lock (<c>.owner</c>) held while its writer lives. Creating one first cleans up the parent: staging directories whose
/// owner died (a killed run) are deleted, and a result moved aside by an interrupted two-rename publish is put back.</summary>
internal sealed partial class Staging : IDisposable
{
    /// <summary>The owner lock's file name inside a staging directory (removed just before publishing).</summary>
    public const string OwnerFile = ".owner";

    private FileStream? _owner;

    /// <summary>Creates the staging directory for <paramref name="target"/> (absolute), creating the parent.</summary>
    public Staging(string target)
    {
        Target = target;
        Parent = Path.GetDirectoryName(target)!;
        Name = Path.GetFileName(target);
        Directory.CreateDirectory(Parent);
        using (ParentLock.Acquire(Parent))
        {
            CleanStale(Parent);
            Root = Path.Combine(Parent, $".{Name}.staging-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Root);
            if (!OwnerLock.TryOpen(Path.Combine(Root, OwnerFile), out _owner))
            {
                throw new IOException($"cannot lock the fresh staging directory {Root}");
            }
        }
    }

    /// <summary>The output path (absolute).</summary>
    public string Target { get; }

    /// <summary>The output's parent directory.</summary>
    public string Parent { get; }

    /// <summary>The output's file or directory name.</summary>
    public string Name { get; }

    /// <summary>The staging directory (absolute).</summary>
    public string Root { get; }

    /// <summary>Drops the owner lock and its file; call under the parent lock right before the publishing rename.</summary>
    public void ReleaseOwner()
    {
        _owner?.Dispose();
        _owner = null;
        File.Delete(Path.Combine(Root, OwnerFile));
    }

    /// <summary>Deletes the staging directory (best effort) and drops the owner lock.</summary>
    public void Dispose()
    {
        _owner?.Dispose();
        _owner = null;
        TryDelete(Root);
    }

    /// <summary>True for a name this protocol creates (staging or set-aside directories); such entries are never results.</summary>
    public static bool IsTransient(string name) => TransientName().IsMatch(name);

    /// <summary>Deletes dead staging directories in <paramref name="parent"/> and restores set-aside results; call under the parent lock.</summary>
    public static void CleanStale(string parent)
    {
        foreach (var entry in Directory.EnumerateDirectories(parent, ".*").Order(StringComparer.Ordinal))
        {
            var m = TransientName().Match(Path.GetFileName(entry));
            if (!m.Success)
            {
                continue;
            }

            if (m.Groups["kind"].Value == "old")
            {
                var original = Path.Combine(parent, m.Groups["name"].Value);
                if (!Directory.Exists(original) && !File.Exists(original))
                {
                    // Why: killed between "move the old result aside" and "move the new one in": the old one is whole; put it back.
                    Directory.Move(entry, original);
                    continue;
                }

                TryDelete(entry);
            }
            else if (OwnerLock.IsFree(Path.Combine(entry, OwnerFile)))
            {
                // Why: a staging directory without a live owner is a killed run's (or the old side of a finished swap).
                TryDelete(entry);
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Why: clean-up is best effort; the next run into this parent tries again.
        }
    }

    [GeneratedRegex(@"^\.(?<name>.+)\.(?<kind>staging|old)-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex TransientName();
}
