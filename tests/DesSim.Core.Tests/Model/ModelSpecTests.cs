using DesSim.Core;
using DesSim.Core.Hardware;
using DesSim.Core.Model;

namespace DesSim.Core.Tests.Model;

public sealed class ModelSpecTests
{
    [Test]
    public void Llama31_70BHasAbout70Point6BillionParametersAnd320KiBKvPerToken()
    {
        var m = ModelCatalog.Get("Llama-3.1-70B");
        // facts.md §2: 855.6 M per layer, 80 layers, plus 2 × 1.05 B embedding and LM head ≈ 70.6 B.
        Assert.That(m.AttentionParametersPerLayer + m.MlpParametersPerLayer, Is.EqualTo(855_638_016));
        Assert.That(m.ParameterCount, Is.EqualTo(70.6e9).Within(0.5).Percent);
        Assert.That(m.KvBytesPerToken(Precision.Bf16), Is.EqualTo(327_680));
        Assert.That(m.KvBytesPerToken(Precision.Fp8), Is.EqualTo(163_840));
    }

    [Test]
    public void Llama31_405BHasAbout405Point8BillionParameters()
    {
        var m = ModelCatalog.Get("llama-3.1-405b");
        Assert.That(m.ParameterCount, Is.EqualTo(405.8e9).Within(0.5).Percent);
        Assert.That(m.KvBytesPerToken(Precision.Bf16), Is.EqualTo(504 * 1024));
    }

    [TestCase("Llama-3.1-8B", 8.03e9, 128 * 1024)]
    [TestCase("Llama-2-7B", 6.74e9, 512 * 1024)]
    public void SmallModelsMatchTheirPublishedSizes(string name, double parameters, long kvBytes)
    {
        var m = ModelCatalog.Get(name);
        Assert.That(m.ParameterCount, Is.EqualTo(parameters).Within(0.5).Percent);
        Assert.That(m.KvBytesPerToken(Precision.Bf16), Is.EqualTo(kvBytes));
    }

    [Test]
    public void CatalogHasTheRequiredModelsAndMixtralIsMoe()
    {
        var names = ModelCatalog.All.Select(m => m.Name).ToList();
        Assert.That(names, Is.SupersetOf(new[] { "Llama-2-7B", "Llama-2-13B", "Llama-2-70B", "Llama-3.1-8B", "Llama-3.1-70B", "Llama-3.1-405B", "Mistral-7B", "Mixtral-8x7B" }));
        var mixtral = ModelCatalog.Get("mistralai/Mixtral-8x7B-v0.1");
        Assert.That(mixtral.IsMoe, Is.True);
        Assert.That(mixtral.NumExperts, Is.EqualTo(8));
        Assert.That(mixtral.ExpertsPerToken, Is.EqualTo(2));
        // Mixtral-8x7B is ~46.7 B parameters in total.
        Assert.That(mixtral.ParameterCount, Is.EqualTo(46.7e9).Within(0.5).Percent);
    }

    [Test]
    public void UnknownModelSuggestsTheNearestName()
    {
        var e = Assert.Throws<InputException>(() => ModelCatalog.Get("Llama-3.1-7B"))!;
        Assert.That(e.Message, Does.Contain("unknown model 'Llama-3.1-7B'").And.Contain("did you mean").And.Contain("known:"));
    }
}
