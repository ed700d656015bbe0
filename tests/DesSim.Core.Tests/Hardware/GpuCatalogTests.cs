using DesSim.Core;
using DesSim.Core.Hardware;

namespace DesSim.Core.Tests.Hardware;

public sealed class GpuCatalogTests
{
    [TestCase("h100")]
    [TestCase("h100-sxm")]
    [TestCase("H100 80GB HBM3")]
    [TestCase("H100-SXM5-80GB")]
    public void H100AliasesResolve(string name) => Assert.That(GpuCatalog.Get(name).Name, Is.EqualTo("H100-SXM5-80GB"));

    [Test]
    public void CatalogHasTheRequiredGpusWithDatasheetPeaks()
    {
        var names = GpuCatalog.All.Select(g => g.Name).ToList();
        Assert.That(names, Is.SupersetOf(new[] { "A100-SXM4-80GB", "H100-SXM5-80GB", "H100-PCIe-80GB", "H200-SXM-141GB", "B200", "L40S", "L40", "L4", "MI300X" }));
        var h100 = GpuCatalog.Get("h100");
        Assert.That(h100.Bf16FlopsPerSecond, Is.EqualTo(989e12));
        Assert.That(h100.PeakFlopsPerSecond(Precision.Fp8), Is.EqualTo(1979e12));
        Assert.That(GpuCatalog.Get("a100").PeakFlopsPerSecond(Precision.Fp8), Is.EqualTo(312e12), "no FP8 on A100: BF16 rate");
        Assert.That(GpuCatalog.Get("mi300x").DefaultFabric, Is.EqualTo(IntraNodeFabric.Xgmi));
        Assert.That(GpuCatalog.Get("l40s").DefaultFabric, Is.EqualTo(IntraNodeFabric.Pcie));
    }

    [Test]
    public void UnknownGpuIsAnInputErrorWithSuggestion()
    {
        var e = Assert.Throws<InputException>(() => GpuCatalog.Get("H10"))!;
        Assert.That(e.Message, Does.Contain("unknown GPU 'H10'").And.Contain("known:"));
    }
}
