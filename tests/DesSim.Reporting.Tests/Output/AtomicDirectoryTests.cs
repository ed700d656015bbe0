using DesSim.Core;
using DesSim.Reporting.Output;

namespace DesSim.Reporting.Tests.Output;

public sealed class AtomicDirectoryTests
{
    private DirectoryInfo _root = null!;

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("dessim-out-");

    [TearDown]
    public void TearDown() => _root.Delete(recursive: true);

    [Test]
    public void Commit_moves_files_into_the_target_and_removes_staging()
    {
        var target = Path.Combine(_root.FullName, "run1");
        string staging;
        using (var output = new AtomicDirectory(target))
        {
            staging = output.StagingDirectory;
            output.WriteAllText("summary.json", "{}");
            output.WriteAllBytes("sub/data.bin", [1, 2, 3]);
            using (var stream = output.OpenWrite("trace.json"))
            {
                stream.WriteByte((byte)'x');
            }

            Assert.That(Directory.Exists(target), Is.False, "nothing visible before commit");
            output.Commit();
        }

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(Path.Combine(target, "summary.json")), Is.EqualTo("{}"));
            Assert.That(File.ReadAllBytes(Path.Combine(target, "sub", "data.bin")), Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(File.ReadAllText(Path.Combine(target, "trace.json")), Is.EqualTo("x"));
            Assert.That(Directory.Exists(staging), Is.False);
            Assert.That(_root.GetDirectories(), Has.Length.EqualTo(1), "only the target remains");
        });
    }

    [Test]
    public void Dispose_without_commit_leaves_the_target_untouched()
    {
        var target = Path.Combine(_root.FullName, "run");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "summary.json"), "old");
        string staging;
        using (var output = new AtomicDirectory(target))
        {
            staging = output.StagingDirectory;
            output.WriteAllText("summary.json", "new");
        }

        Assert.That(File.ReadAllText(Path.Combine(target, "summary.json")), Is.EqualTo("old"));
        Assert.That(Directory.Exists(staging), Is.False);
    }

    [Test]
    public void Commit_replaces_written_files_and_keeps_others()
    {
        var target = Path.Combine(_root.FullName, "run");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "summary.json"), "old");
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");
        using (var output = new AtomicDirectory(target))
        {
            output.WriteAllText("summary.json", "new");
            output.Commit();
        }

        Assert.That(File.ReadAllText(Path.Combine(target, "summary.json")), Is.EqualTo("new"));
        Assert.That(File.ReadAllText(Path.Combine(target, "notes.txt")), Is.EqualTo("mine"));
    }

    [Test]
    public void Unwritable_target_throws_input_exception_naming_the_path()
    {
        var blocker = Path.Combine(_root.FullName, "a-file");
        File.WriteAllText(blocker, "not a directory");
        var target = Path.Combine(blocker, "run");
        var error = Assert.Throws<InputException>(() => new AtomicDirectory(target).Dispose());
        Assert.That(error!.Message, Does.Contain(target));
    }

    [Test]
    public void Target_that_is_a_file_throws_input_exception()
    {
        var target = Path.Combine(_root.FullName, "taken");
        File.WriteAllText(target, "x");
        Assert.Throws<InputException>(() => new AtomicDirectory(target).Dispose());
    }

    [Test]
    public void File_names_cannot_escape_the_directory()
    {
        using var output = new AtomicDirectory(Path.Combine(_root.FullName, "run"));
        Assert.Throws<ArgumentException>(() => output.WriteAllText("../evil.txt", "x"));
    }

    [Test]
    public void Writing_after_commit_is_an_error()
    {
        using var output = new AtomicDirectory(Path.Combine(_root.FullName, "run"));
        output.Commit();
        Assert.Throws<InvalidOperationException>(() => output.WriteAllText("late.txt", "x"));
    }

    [Test]
    public void Atomic_file_replaces_content_and_leaves_no_temp_files()
    {
        var path = Path.Combine(_root.FullName, "deep", "file.txt");
        AtomicFile.WriteAllText(path, "one");
        AtomicFile.WriteAllText(path, "two");
        Assert.That(File.ReadAllText(path), Is.EqualTo("two"));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1));
    }

    [Test]
    public void Atomic_file_to_unwritable_path_throws_input_exception()
    {
        var blocker = Path.Combine(_root.FullName, "a-file");
        File.WriteAllText(blocker, "x");
        var path = Path.Combine(blocker, "out.txt");
        var error = Assert.Throws<InputException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.That(error!.Message, Does.Contain(path));
    }
}
