using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Model;

/// <summary>The built-in models (shapes from each model's config.json, facts.md §2).</summary>
/// <remarks>Lookup ignores case, spaces, '-', '_' and '.', and an optional <c>org/</c> prefix.</remarks>
public static class ModelCatalog
{
    /// <summary>All catalog models in a stable order.</summary>
    public static IReadOnlyList<ModelSpec> All { get; } =
    [
        Dense("Llama-2-7B", 32, 4096, 32, 32, 11008, 32000, "meta-llama/Llama-2-7b-hf", "llama2-7b"),
        Dense("Llama-2-13B", 40, 5120, 40, 40, 13824, 32000, "meta-llama/Llama-2-13b-hf", "llama2-13b"),
        Dense("Llama-2-70B", 80, 8192, 64, 8, 28672, 32000, "meta-llama/Llama-2-70b-hf", "llama2-70b"),
        Dense("Llama-3.1-8B", 32, 4096, 32, 8, 14336, 128256, "meta-llama/Llama-3.1-8B", "llama3-8b", "llama-3-8b", "Llama-3.1-8B-Instruct"),
        Dense("Llama-3.1-70B", 80, 8192, 64, 8, 28672, 128256, "meta-llama/Llama-3.1-70B", "llama3-70b", "llama-3-70b", "Llama-3.1-70B-Instruct"),
        Dense("Llama-3.1-405B", 126, 16384, 128, 8, 53248, 128256, "meta-llama/Llama-3.1-405B", "llama3-405b", "Llama-3.1-405B-Instruct"),
        // Why explicit head_dim: Qwen3's config.json sets head_dim 128 while hidden_size / num_attention_heads = 80.
        Dense("Qwen3-32B", 64, 5120, 64, 8, 25600, 151936, "Qwen/Qwen3-32B", "qwen3-32b") with { HeadDim = 128 },
        Dense("Mistral-7B", 32, 4096, 32, 8, 14336, 32000, "Mistral-7B-v0.1", "mistralai/Mistral-7B-v0.1"),
        Dense("Mixtral-8x7B", 32, 4096, 32, 8, 14336, 32000, "Mixtral-8x7B-v0.1", "mistralai/Mixtral-8x7B-v0.1") with
        {
            NumExperts = 8, ExpertsPerToken = 2, MoeIntermediateSize = 14336,
        },
    ];

    /// <summary>The model called <paramref name="name"/>, or null.</summary>
    public static ModelSpec? TryGet(string name)
    {
        var key = Normalize(name);
        return All.FirstOrDefault(m => Normalize(m.Name) == key || m.Aliases.Any(a => Normalize(a) == key));
    }

    /// <summary>The model called <paramref name="name"/>.</summary>
    /// <exception cref="InputException">Unknown name: lists the catalog with a did-you-mean.</exception>
    public static ModelSpec Get(string name) =>
        TryGet(name) ?? throw new InputException(null, null, $"unknown model '{name}'", UnknownHint(name));

    /// <summary>"did you mean …? known: …" for an unknown model name.</summary>
    public static string UnknownHint(string name)
    {
        var names = All.Select(m => m.Name).ToList();
        var near = KeySuggester.Nearest(name, names);
        return (near is null ? string.Empty : $"did you mean '{near}'? ") + $"known: {string.Join(", ", names)}; or define the model inline with config.json fields";
    }

    private static ModelSpec Dense(string name, int layers, int hidden, int heads, int kvHeads, int ffn, int vocab, params string[] aliases) => new()
    {
        Name = name, NumLayers = layers, HiddenSize = hidden, NumHeads = heads, NumKvHeads = kvHeads, HeadDim = hidden / heads,
        IntermediateSize = ffn, VocabSize = vocab, Aliases = aliases,
    };

    private static string Normalize(string s)
    {
        int slash = s.LastIndexOf('/');
        var tail = slash >= 0 ? s[(slash + 1)..] : s;
        return new string(tail.Where(c => c is not (' ' or '-' or '_' or '.')).Select(char.ToLowerInvariant).ToArray());
    }
}
