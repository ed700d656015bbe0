using DesSim.Core.Scheduling.Engines;

namespace DesSim.Core.Tests.Scheduling.Engines;

public sealed class EngineCatalogTests
{
    [Test]
    public void VersionsOrderAsTheEnginesReleaseThem()
    {
        string[] ordered = ["0.5.1", "0.5.1.post1", "0.5.8.post1", "0.17", "1.0.0rc3", "1.0.0", "1.2.0rc6", "1.2.0rc6.post1", "1.2.0"];
        var parsed = ordered.Select(EngineVersion.Parse).ToArray();
        Assert.That(parsed.Order().Select(v => v.Text), Is.EqualTo(ordered));
        Assert.That(EngineVersion.TryParse("latest"), Is.Null);
    }

    [Test]
    public void AVersionBetweenModeledOnesRunsAsTheNearestOlderAndOneBeforeAllAsTheOldest()
    {
        var (between, note) = EngineCatalog.Resolve("trtllm", EngineVersion.Parse("1.2.0rc6.post1"));
        Assert.That(between.Version.Text, Is.EqualTo("1.0.0rc3"));
        Assert.That(note, Does.Contain("nearest older"));
        var (old, oldNote) = EngineCatalog.Resolve("sglang", EngineVersion.Parse("0.4.0"));
        Assert.That(old.Version.Text, Is.EqualTo("0.5.1.post1"));
        Assert.That(oldNote, Does.Contain("oldest"));
        var (exact, none) = EngineCatalog.Resolve("vllm", EngineVersion.Parse("0.12.0"));
        Assert.That((exact.Version.Text, none), Is.EqualTo(("0.12.0", (string?)null)));
        Assert.That(EngineCatalog.Newest("vllm").ToString(), Is.EqualTo("vllm 0.12.0"));
    }
}
