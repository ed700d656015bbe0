using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DesSim.Core.Configuration;

/// <summary>Loads a YAML file into a root mapping, rejecting syntax errors and duplicate keys with their line, and applies <c>--set</c> overrides.</summary>
public static class YamlDocumentLoader
{
    // Why a weak table: override nodes are marked without changing YamlDotNet's node types, and marks die with the document.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<YamlNode, object> Overrides = new();
    private static readonly object Marker = new();

    /// <summary>Reads <paramref name="path"/> and returns its root mapping.</summary>
    /// <exception cref="InputException">Missing, unreadable, empty, not YAML, or not a mapping.</exception>
    public static YamlSection Load(string path)
    {
        var text = InputFiles.ReadAllText(path);
        return Parse(text, path);
    }

    /// <summary>Parses YAML text named <paramref name="sourceName"/> (for messages) into its root mapping.</summary>
    public static YamlSection Parse(string text, string sourceName)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InputException(sourceName, null, "the file is empty");
        }

        var stream = new YamlStream();
        try
        {
            YamlLimits.Check(text, sourceName);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new InputException(sourceName, $"{e.Start.Line}:{e.Start.Column}", $"YAML syntax error: {FirstLine(reason)}");
        }
        catch (ArgumentException e)
        {
            throw new InputException(sourceName, null, $"YAML error: {FirstLine(e.Message)}");
        }
        catch (InvalidOperationException)
        {
            // Why: YamlDotNet's scanner throws this (without a position) on some malformed flow collections.
            throw new InputException(sourceName, null, "YAML syntax error: malformed document (an unclosed [ ] or { } ?)");
        }

        if (stream.Documents.Count == 0)
        {
            throw new InputException(sourceName, null, "the file is empty");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InputException(sourceName, $"{stream.Documents[0].RootNode.Start.Line}", "expected a mapping of keys at the top level");
        }

        CheckDuplicates(root, sourceName, string.Empty);
        return new YamlSection(root, sourceName, string.Empty);
    }

    /// <summary>Applies <c>path=value</c> overrides (dotted key path; value parsed as YAML) to the root mapping.</summary>
    /// <exception cref="InputException">A malformed override or a path through a non-mapping.</exception>
    public static void ApplyOverrides(YamlSection root, IEnumerable<string> overrides)
    {
        foreach (var item in overrides)
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new InputException("--set", item, "expected path=value, e.g. parallelism.tp=8");
            }

            var keys = item[..eq].Trim().Split('.');
            if (keys.Any(string.IsNullOrWhiteSpace))
            {
                throw new InputException("--set", item, "empty key in path");
            }

            var valueText = item[(eq + 1)..];
            YamlNode value;
            try
            {
                var s = new YamlStream();
                YamlLimits.Check(valueText, "--set " + item);
                s.Load(new StringReader(valueText.Length == 0 ? "''" : valueText));
                value = s.Documents.Count > 0 ? s.Documents[0].RootNode : new YamlScalarNode(string.Empty);
            }
            catch (YamlException e)
            {
                throw new InputException("--set", item, $"value is not valid YAML: {FirstLine(e.Message)}");
            }

            var node = root.Node;
            for (int i = 0; i < keys.Length - 1; i++)
            {
                var keyNode = new YamlScalarNode(keys[i]);
                if (!node.Children.TryGetValue(keyNode, out var child))
                {
                    child = new YamlMappingNode();
                    node.Children[keyNode] = child;
                }

                if (child is not YamlMappingNode m)
                {
                    throw new InputException("--set", item, $"'{string.Join('.', keys[..(i + 1)])}' is a value, not a mapping, so it has no key '{keys[i + 1]}'");
                }

                node = m;
            }

            var leafKey = new YamlScalarNode(keys[^1]);
            MarkOverride(leafKey);
            MarkOverride(value);
            node.Children[leafKey] = value;
        }
    }

    /// <summary>Whether <paramref name="node"/> came from a <c>--set</c> override (its line numbers mean nothing in the file).</summary>
    public static bool IsOverride(YamlNode node) => Overrides.TryGetValue(node, out _);

    private static void MarkOverride(YamlNode node)
    {
        Overrides.AddOrUpdate(node, Marker);
        foreach (var child in node.AllNodes)
        {
            Overrides.AddOrUpdate(child, Marker);
        }
    }

    private static void CheckDuplicates(YamlNode node, string source, string path)
    {
        switch (node)
        {
            case YamlMappingNode m:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (k, v) in m.Children)
                {
                    var name = (k as YamlScalarNode)?.Value ?? k.ToString();
                    var p = path.Length == 0 ? name : $"{path}.{name}";
                    if (!seen.Add(name))
                    {
                        throw new InputException(source, $"{k.Start.Line}: {p}", "duplicate key");
                    }

                    CheckDuplicates(v, source, p);
                }

                break;
            case YamlSequenceNode seq:
                int i = 0;
                foreach (var c in seq.Children)
                {
                    CheckDuplicates(c, source, $"{path}[{i++}]");
                }

                break;
        }
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
