using DesSim.Core.Configuration;

namespace DesSim.Core.Tests.Configuration;

public sealed class YamlSpellingTests
{
    private static YamlSection Root(string yaml) => YamlDocumentLoader.Parse(yaml, "f.yaml");

    [Test]
    public void The_current_spelling_is_used_when_present_or_when_neither_is()
    {
        var root = Root("a: { rate_gbit_s: 1 }\n");
        var a = root.GetSection("a")!;
        Assert.That(a.Spelling("rate_gbit_s", "rate_gbps", "Gb/s"), Is.EqualTo("rate_gbit_s"));
        Assert.That(a.Spelling("other_gbit_s", "other_gbps", "Gb/s"), Is.EqualTo("other_gbit_s"));
        Assert.That(root.Notes.All, Is.Empty);
        Assert.DoesNotThrow(a.RejectUnknownKeys);
    }

    [Test]
    public void The_old_spelling_is_used_with_one_note_shared_by_the_document()
    {
        var root = Root("a: { rate_gbps: 1 }\nb: [ { rate_gbps: 2 }, { rate_gbps: 3 } ]\n");
        var a = root.GetSection("a")!;
        Assert.That(a.Spelling("rate_gbit_s", "rate_gbps", "Gb/s"), Is.EqualTo("rate_gbps"));
        Assert.That(a.GetDouble("rate_gbps"), Is.EqualTo(1));
        Assert.DoesNotThrow(a.RejectUnknownKeys, "both spellings are known keys");
        Assert.That(root.Notes.All, Is.EqualTo(new[] { "a.rate_gbps is deprecated: write rate_gbit_s (the same value, in Gb/s)" }));
        Assert.That(a.Notes, Is.SameAs(root.Notes));
    }

    [Test]
    public void Both_spellings_name_the_current_key_with_its_line()
    {
        var a = Root("x: 0\na:\n  rate_gbps: 1\n  rate_gbit_s: 1\n").GetSection("a")!;
        var e = Assert.Throws<InputException>(() => a.Spelling("rate_gbit_s", "rate_gbps", "Gb/s"))!;
        Assert.That(e.Message, Does.StartWith("f.yaml:4: a.rate_gbit_s: is given twice, also as rate_gbps (its deprecated spelling)"));
    }
}
