using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DesSim.Core.Configuration;

/// <summary>Limits on hostile YAML, checked on the event stream (iterative, so it cannot overflow the stack) before the
/// document tree is built: nesting depth, nodes reached through aliases ("billion laughs"), and one document per file.</summary>
public static class YamlLimits
{
    /// <summary>Deepest nesting of mappings and sequences (a scenario needs 5).</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes one alias may stand for once expanded.</summary>
    public const long MaxNodesPerAlias = 10_000;

    /// <summary>Most nodes in the document with every alias expanded (the shipped scenarios have a few hundred).</summary>
    public const long MaxExpandedNodes = 100_000;

    /// <summary>Throws unless <paramref name="text"/> stays within the limits.</summary>
    /// <exception cref="InputException">Too deep, too many expanded nodes, or more than one document (with line:column).</exception>
    /// <exception cref="YamlException">A syntax error (the caller reports it with its position).</exception>
    public static void Check(string text, string sourceName)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var frames = new Stack<(long Nodes, string? Anchor)>();
        long total = 0;
        int documents = 0;
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            switch (e)
            {
                case DocumentStart d when !d.IsImplicit || documents > 0:
                    if (++documents > 1)
                    {
                        throw Error(sourceName, e, "a second YAML document ('---') in one file", "keep one scenario per file");
                    }

                    break;
                case DocumentStart:
                    documents++;
                    break;
                case MappingStart or SequenceStart:
                    var anchor = ((NodeEvent)e).Anchor;
                    frames.Push((0, anchor.IsEmpty ? null : anchor.Value));
                    if (frames.Count > MaxDepth)
                    {
                        throw Error(sourceName, e, $"nesting deeper than {MaxDepth} levels", "flatten the document");
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    var (nodes, name) = frames.Pop();
                    Add(nodes + 1, name, e);
                    break;
                case Scalar s:
                    Add(1, s.Anchor.IsEmpty ? null : s.Anchor.Value, e);
                    break;
                case AnchorAlias a:
                    if (!anchors.TryGetValue(a.Value.Value, out var expanded))
                    {
                        throw Error(sourceName, e, $"alias *{a.Value.Value} refers to no anchor &{a.Value.Value} defined before it", "define the anchor first, or fix the name");
                    }

                    if (expanded > MaxNodesPerAlias)
                    {
                        throw Error(sourceName, e, $"alias *{a.Value.Value} expands to {expanded:N0} nodes, more than {MaxNodesPerAlias:N0}", "write the values out, or use fewer nested aliases");
                    }

                    Add(expanded, null, e);
                    break;
            }
        }

        void Add(long nodes, string? anchor, ParsingEvent at)
        {
            if (anchor is not null)
            {
                anchors[anchor] = nodes;
            }

            total += nodes;
            if (total > MaxExpandedNodes)
            {
                throw Error(sourceName, at, $"more than {MaxExpandedNodes:N0} nodes with aliases expanded", "is this a YAML alias bomb?");
            }

            if (frames.Count > 0)
            {
                var top = frames.Pop();
                frames.Push((top.Nodes + nodes, top.Anchor));
            }
        }
    }

    private static InputException Error(string sourceName, ParsingEvent at, string reason, string hint) =>
        new(sourceName, string.Create(CultureInfo.InvariantCulture, $"{at.Start.Line}:{at.Start.Column}"), reason, hint);
}
