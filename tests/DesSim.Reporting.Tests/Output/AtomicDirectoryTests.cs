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
    public void Commit_replaces_an_earlier_result_whole()
    {
        var target = Path.Combine(_root.FullName, "run");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "summary.json"), "old");
        File.WriteAllText(Path.Combine(target, "trace.json"), "old trace");
        using (var output = new AtomicDirectory(target, ["trace.json"]))
        {
            output.WriteAllText("summary.json", "new");
            output.Commit();
        }

        Assert.That(File.ReadAllText(Path.Combine(target, "summary.json")), Is.EqualTo("new"));
        Assert.That(File.Exists(Path.Combine(target, "trace.json")), Is.False, "a stale file of the old result does not survive");
        Assert.That(_root.GetFileSystemInfos().Select(f => f.Name), Is.EquivalentTo(new[] { "run" }), "no staging, set-aside or lock entries remain");
    }

    [Test]
    public void A_directory_with_foreign_files_is_not_replaced()
    {
        var target = Path.Combine(_root.FullName, "mine");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");
        using var output = new AtomicDirectory(target);
        output.WriteAllText("summary.json", "new");
        var error = Assert.Throws<InputException>(output.Commit);
        Assert.That(error!.Message, Does.Contain("notes.txt"));
        Assert.That(File.ReadAllText(Path.Combine(target, "notes.txt")), Is.EqualTo("mine"));
    }

    [Test]
    public void Stale_staging_of_a_dead_writer_is_removed_and_a_live_one_kept()
    {
        var dead = Path.Combine(_root.FullName, $".old-run.staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dead);
        File.WriteAllText(Path.Combine(dead, "summary.json"), "torn");
        using var live = new AtomicDirectory(Path.Combine(_root.FullName, "live"));
        using (var next = new AtomicDirectory(Path.Combine(_root.FullName, "next")))
        {
            next.WriteAllText("summary.json", "{}");
            next.Commit();
        }

        Assert.That(Directory.Exists(dead), Is.False, "a staging directory without a live owner is cleaned up");
        Assert.That(Directory.Exists(live.StagingDirectory), Is.True, "another writer's staging directory is left alone");
    }

    [Test]
    public void A_result_set_aside_by_an_interrupted_publish_is_restored()
    {
        var aside = Path.Combine(_root.FullName, $".run.old-{Guid.NewGuid():N}");
        Directory.CreateDirectory(aside);
        File.WriteAllText(Path.Combine(aside, "summary.json"), "old");
        using (new AtomicDirectory(Path.Combine(_root.FullName, "other")))
        {
        }

        Assert.That(File.ReadAllText(Path.Combine(_root.FullName, "run", "summary.json")), Is.EqualTo("old"));
    }

    [Test]
    public void Staged_files_are_never_taken_for_results()
    {
        Assert.That(Staging.IsTransient($".run.staging-{Guid.NewGuid():N}"), Is.True);
        Assert.That(Staging.IsTransient($".run.old-{Guid.NewGuid():N}"), Is.True);
        Assert.That(Staging.IsTransient("run"), Is.False);
    }

    [Test]
    public void Two_transactions_for_one_target_publish_one_whole_result()
    {
        var target = Path.Combine(_root.FullName, "run");
        using var a = new AtomicDirectory(target);
        using var b = new AtomicDirectory(target);
        a.WriteAllText("summary.json", "a");
        a.WriteAllText("requests.csv", "a");
        b.WriteAllText("summary.json", "b");
        b.WriteAllText("requests.csv", "b");
        Parallel.Invoke(a.Commit, b.Commit);
        var summary = File.ReadAllText(Path.Combine(target, "summary.json"));
        Assert.That(File.ReadAllText(Path.Combine(target, "requests.csv")), Is.EqualTo(summary), "files of one writer only");
    }

    [Test]
    public void Output_paths_apart_from_inputs()
    {
        var scenario = Path.Combine(_root.FullName, "s.yaml");
        File.WriteAllText(scenario, "x");
        using var t = new OutputTransaction().Input(scenario, "the scenario");
        Assert.Multiple(() =>
        {
            Assert.That(() => t.Directory(_root.FullName, "--out"), Throws.InstanceOf<InputException>().With.Message.Contains("contains the scenario"));
            Assert.That(() => t.File(scenario, "--svg"), Throws.InstanceOf<InputException>().With.Message.Contains("is the scenario"));
            Assert.That(() => t.File("", "--svg"), Throws.InstanceOf<InputException>().With.Message.StartsWith("--svg: the path is empty"));
        });
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
        Assert.That(Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1));
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
