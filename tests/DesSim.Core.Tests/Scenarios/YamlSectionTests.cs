using DesSim.Core.Configuration;
using DesSim.Core;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Scenarios;

public sealed class YamlSectionTests
{
    private static YamlSection Parse(string yaml) => YamlDocumentLoader.Parse(yaml, "s.yaml");

    [Test]
    public void ReadsTypedValuesAndNestedSections()
    {
        var root = Parse("name: x\nseed: 42\nscheduler:\n  max_num_seqs: 256\n  ratio: 0.9\n  on: true\n");
        Assert.That(root.RequireString("name"), Is.EqualTo("x"));
        Assert.That(root.GetLong("seed"), Is.EqualTo(42));
        var s = root.GetSection("scheduler")!;
        Assert.That(s.GetInt("max_num_seqs", min: 1), Is.EqualTo(256));
        Assert.That(s.GetDouble("ratio", max: 1), Is.EqualTo(0.9));
        Assert.That(s.GetBool("on"), Is.True);
        Assert.That(s.GetInt("absent", 7), Is.EqualTo(7));
    }

    [Test]
    public void UnknownKeyNamesPathLineAndSuggestion()
    {
        var root = Parse("name: x\nscheduler:\n  max_num_seq: 4\n");
        var s = root.GetSection("scheduler")!;
        s.GetInt("max_num_seqs");
        s.GetInt("block_size");
        var e = Assert.Throws<InputException>(s.RejectUnknownKeys)!;
        Assert.That(e.Message, Is.EqualTo("s.yaml:3: scheduler.max_num_seq: unknown key (did you mean 'scheduler.max_num_seqs'?)"));
    }

    [Test]
    public void WrongTypesAndRangesAreReported()
    {
        var root = Parse("a: abc\nb: -1\nc: [1, 2]\nd: maybe\n");
        Assert.That(Assert.Throws<InputException>(() => root.GetDouble("a"))!.Message, Is.EqualTo("s.yaml:1: a: 'abc' is not a number"));
        Assert.That(Assert.Throws<InputException>(() => root.GetInt("b", min: 1))!.Message, Does.Contain("b: -1 must be"));
        Assert.That(Assert.Throws<InputException>(() => root.GetString("c"))!.Message, Does.Contain("expected a single value"));
        Assert.That(Assert.Throws<InputException>(() => root.GetBool("d"))!.Message, Does.Contain("'maybe' is not true or false"));
        Assert.That(Assert.Throws<InputException>(() => root.GetEnum("a", ["abd", "xyz"], "xyz"))!.Message, Does.Contain("did you mean 'abd'"));
    }

    [Test]
    public void SyntaxErrorsAndDuplicatesCarryTheLine()
    {
        var e = Assert.Throws<InputException>(() => Parse("a: 1\nb: [1, 2\nc: 3\n"))!;
        Assert.That(e.Message, Does.StartWith("s.yaml:").And.Contain("YAML syntax error"));
        var d = Assert.Throws<InputException>(() => Parse("a: 1\nb:\n  x: 1\n  x: 2\n"))!;
        Assert.That(d.Message, Does.StartWith("s.yaml:4:").And.Contain("uplicate key x"));
        Assert.That(Assert.Throws<InputException>(() => Parse("   \n"))!.Message, Is.EqualTo("s.yaml: the file is empty"));
        Assert.That(Assert.Throws<InputException>(() => Parse("- a\n- b\n"))!.Message, Does.Contain("expected a mapping"));
    }

    [Test]
    public void OverridesSetNestedKeysAndCreateMissingOnes()
    {
        var root = Parse("parallelism: { tp: 4 }\nworkload: { arrival: { rate: 1 } }\n");
        YamlDocumentLoader.ApplyOverrides(root, ["parallelism.tp=8", "workload.arrival.rate=6.5", "slo.ttft_ms=300"]);
        Assert.That(root.GetSection("parallelism")!.GetInt("tp"), Is.EqualTo(8));
        Assert.That(root.GetSection("workload")!.GetSection("arrival")!.GetDouble("rate"), Is.EqualTo(6.5));
        Assert.That(root.GetSection("slo")!.GetDouble("ttft_ms"), Is.EqualTo(300));
        Assert.Throws<InputException>(() => YamlDocumentLoader.ApplyOverrides(root, ["noequals"]));
        Assert.Throws<InputException>(() => YamlDocumentLoader.ApplyOverrides(root, ["parallelism.tp.x=1"]));
    }

    [Test]
    public void ErrorsInOverriddenValuesNameTheSetFlagNotAFileLine()
    {
        var root = Parse("a: 1\nscheduler:\n  max_num_seqs: 4\n");
        YamlDocumentLoader.ApplyOverrides(root, ["scheduler.max_num_seqs=-3", "scheduler.typo=1"]);
        var s = root.GetSection("scheduler")!;
        Assert.That(Assert.Throws<InputException>(() => s.GetInt("max_num_seqs", min: 1))!.Message, Does.StartWith("--set:scheduler.max_num_seqs: -3 must be"));
        Assert.That(Assert.Throws<InputException>(s.RejectUnknownKeys)!.Message, Does.StartWith("--set:scheduler.typo: unknown key"));
        Assert.That(Assert.Throws<InputException>(() => root.GetDouble("a", max: 0))!.Message, Does.StartWith("s.yaml:1: a:"));
    }

    [Test]
    public void MissingFileIsAnInputError()
    {
        var e = Assert.Throws<InputException>(() => YamlDocumentLoader.Load("/nonexistent/x.yaml"))!;
        Assert.That(e.Message, Does.StartWith("/nonexistent/x.yaml: file not found"));
    }
}
