using YamlDotNet.RepresentationModel;

namespace DesSim.Core.Configuration;

/// <summary>Small helpers on YAML nodes: deep copy, compact text, and assignment by dotted key path.</summary>
internal static class YamlNodes
{
    /// <summary>A deep copy (so a point's scenario tree never shares nodes with another point's).</summary>
    public static YamlNode Clone(YamlNode node) => node switch
    {
        YamlScalarNode s => new YamlScalarNode(s.Value) { Style = s.Style },
        YamlSequenceNode q => new YamlSequenceNode(q.Children.Select(Clone)),
        YamlMappingNode m => new YamlMappingNode(m.Children.Select(kv => new KeyValuePair<YamlNode, YamlNode>(Clone(kv.Key), Clone(kv.Value)))),
        _ => throw new InvalidOperationException($"unsupported YAML node {node.NodeType}"),
    };

    /// <summary>Compact one-line text of a value: the scalar itself, <c>[a, b]</c> or <c>{k: v}</c>.</summary>
    public static string Text(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? string.Empty,
        YamlSequenceNode q => "[" + string.Join(", ", q.Children.Select(Text)) + "]",
        YamlMappingNode m => "{" + string.Join(", ", m.Children.Select(kv => $"{Text(kv.Key)}: {Text(kv.Value)}")) + "}",
        _ => node.ToString(),
    };

    /// <summary>Sets <paramref name="keyPath"/> (dotted) under <paramref name="root"/>, creating mappings on the way.</summary>
    /// <returns>False when a key on the way holds a value rather than a mapping.</returns>
    public static bool Set(YamlMappingNode root, string keyPath, YamlNode value)
    {
        var keys = keyPath.Split('.');
        var node = root;
        for (int i = 0; i < keys.Length - 1; i++)
        {
            var key = new YamlScalarNode(keys[i]);
            if (!node.Children.TryGetValue(key, out var child))
            {
                child = new YamlMappingNode();
                node.Children[key] = child;
            }

            if (child is not YamlMappingNode m)
            {
                return false;
            }

            node = m;
        }

        node.Children[new YamlScalarNode(keys[^1])] = value;
        return true;
    }

    /// <summary>Removes a top-level key if present.</summary>
    public static void Remove(YamlMappingNode root, string key) => root.Children.Remove(new YamlScalarNode(key));
}
