using System.CommandLine;
using System.Globalization;
using DesSim.Core.Hardware;
using DesSim.Core.Model;

namespace DesSim.Cli.Commands;

/// <summary><c>dessim models</c>: the model catalog as a table.</summary>
public static class ModelsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var cmd = new Command("models", "List the built-in models: shape, parameters, bf16 weights and KV bytes per token");
        cmd.SetAction(parse =>
        {
            Write(parse.InvocationConfiguration.Output);
            return 0;
        });
        return cmd;
    }

    /// <summary>Writes the table.</summary>
    public static void Write(TextWriter o)
    {
        o.WriteLine($"{"model",-16} {"layers",6} {"hidden",6} {"heads",5} {"kv",3} {"ffn",6} {"vocab",6} {"experts",7} {"params B",8} {"bf16 GB",7} {"KV KiB/tok",10}");
        foreach (var m in ModelCatalog.All)
        {
            var experts = m.IsMoe ? $"{m.NumExperts}/top{m.ExpertsPerToken}" : "-";
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Name,-16} {m.NumLayers,6} {m.HiddenSize,6} {m.NumHeads,5} {m.NumKvHeads,3} {m.IntermediateSize,6} {m.VocabSize,6} {experts,7} {m.ParameterCount / 1e9,8:F2} {m.WeightBytes(Precision.Bf16) / 1e9,7:F1} {m.KvBytesPerToken(Precision.Bf16) / 1024.0,10:F0}"));
        }
    }
}
