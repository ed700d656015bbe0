using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace DesSim.Core.Configuration;

/// <summary>A YAML mapping with its file and key path: typed, validated reads whose errors name file, line and key.</summary>
/// <remarks>
/// Every read marks the key as known; <see cref="RejectUnknownKeys"/> then fails on any key nobody read, suggesting the
/// nearest known one. A value given as a plain scalar where a mapping is allowed (e.g. <c>model: llama-3.1-70b</c>)
/// is read with <see cref="GetScalarOrSection"/>. Lifecycle: read all keys of a section, then call <see cref="RejectUnknownKeys"/>.
/// A renamed key is read through <see cref="Spelling"/>: the old spelling still works, with a note in <see cref="Notes"/>
/// (shared by every section of the document); both spellings at once are an error.
/// </remarks>
public sealed class YamlSection
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="node"/> found at <paramref name="path"/> (empty for the document root) of <paramref name="file"/>.</summary>
    /// <param name="node">The mapping.</param>
    /// <param name="file">The file it came from.</param>
    /// <param name="path">Its dotted key path.</param>
    /// <param name="notes">The document's notes, shared with the section this one is part of; null: a new document.</param>
    public YamlSection(YamlMappingNode node, string file, string path, InputNotes? notes = null)
    {
        Node = node;
        File = file;
        Path = path;
        Notes = notes ?? new InputNotes();
    }

    /// <summary>Notes about the document (deprecated spellings), shared by all its sections.</summary>
    public InputNotes Notes { get; }

    /// <summary>The mapping.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>The file it came from (for messages).</summary>
    public string File { get; }

    /// <summary>Dotted key path of this mapping ("" at the root).</summary>
    public string Path { get; }

    /// <summary>Dotted path of a child key.</summary>
    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Whether the key is present (marks it known).</summary>
    public bool Has(string key)
    {
        _known.Add(key);
        return Find(key) is not null;
    }

    /// <summary>The raw node of a key, or null (marks it known).</summary>
    public YamlNode? GetNode(string key)
    {
        _known.Add(key);
        return Find(key);
    }

    /// <summary>An error about <paramref name="key"/> with its line.</summary>
    public InputException Error(string key, string reason, string? hint = null)
    {
        var node = Find(key);
        return Error(node ?? (YamlNode)Node, PathOf(key), reason, hint);
    }

    /// <summary>An error about a node.</summary>
    public InputException Error(YamlNode node, string keyPath, string reason, string? hint = null) =>
        YamlDocumentLoader.IsOverride(node)
            ? new("--set", keyPath, reason, hint)
            : new(File, $"{node.Start.Line}: {keyPath}", reason, hint);

    /// <summary>A string scalar, or <paramref name="defaultValue"/> when absent.</summary>
    public string? GetString(string key, string? defaultValue = null)
    {
        var node = GetNode(key);
        if (node is null)
        {
            return defaultValue;
        }

        if (node is not YamlScalarNode s || s.Value is null)
        {
            throw Error(node, PathOf(key), "expected a single value (a scalar)");
        }

        return s.Value;
    }

    /// <summary>A required string scalar.</summary>
    public string RequireString(string key) =>
        GetString(key) ?? throw Error(key, "is required but missing");

    /// <summary>One of <paramref name="allowed"/> (case-insensitive, returned lower-case), or the default.</summary>
    public string GetEnum(string key, IReadOnlyCollection<string> allowed, string defaultValue)
    {
        var value = GetString(key);
        if (value is null)
        {
            return defaultValue;
        }

        var lower = value.Trim().ToLowerInvariant();
        if (!allowed.Contains(lower))
        {
            throw Error(key, $"'{value}' is not one of {string.Join(" | ", allowed)}", KeySuggester.Nearest(lower, allowed) is { } n ? $"did you mean '{n}'?" : null);
        }

        return lower;
    }

    /// <summary>A finite number within [min, max], or the default when absent.</summary>
    public double? GetDouble(string key, double? defaultValue = null, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool exclusiveMin = false)
    {
        var text = GetString(key);
        if (text is null)
        {
            return defaultValue;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
        {
            throw Error(key, $"'{text}' is not a number");
        }

        CheckRange(key, v, min, max, exclusiveMin);
        return v;
    }

    /// <summary>A whole number within [min, max], or the default when absent.</summary>
    public long? GetLong(string key, long? defaultValue = null, long min = long.MinValue, long max = long.MaxValue)
    {
        var text = GetString(key);
        if (text is null)
        {
            return defaultValue;
        }

        if (!long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            // Accept 1e6-style whole numbers.
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) < 9e18 && d == Math.Floor(d))
            {
                v = (long)d;
            }
            else
            {
                throw Error(key, $"'{text}' is not a whole number");
            }
        }

        CheckRange(key, v, min, max, false);
        return v;
    }

    /// <summary>A whole number that fits an <see cref="int"/>, within [min, max].</summary>
    public int? GetInt(string key, int? defaultValue = null, int min = int.MinValue, int max = int.MaxValue) =>
        (int?)GetLong(key, defaultValue, min, max);

    /// <summary>true/false (also yes/no, on/off), or the default.</summary>
    public bool? GetBool(string key, bool? defaultValue = null)
    {
        var text = GetString(key);
        if (text is null)
        {
            return defaultValue;
        }

        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(key, $"'{text}' is not true or false"),
        };
    }

    /// <summary>A nested mapping, or null when absent.</summary>
    public YamlSection? GetSection(string key)
    {
        var node = GetNode(key);
        return node switch
        {
            null => null,
            YamlMappingNode m => new YamlSection(m, File, PathOf(key), Notes),
            _ => throw Error(node, PathOf(key), "expected a mapping (key: value pairs)"),
        };
    }

    /// <summary>Either a scalar (returned as <c>Scalar</c>) or a mapping (returned as <c>Section</c>); both null when absent.</summary>
    public (string? Scalar, YamlSection? Section) GetScalarOrSection(string key)
    {
        var node = GetNode(key);
        return node switch
        {
            null => (null, null),
            YamlScalarNode s => (s.Value, null),
            YamlMappingNode m => (null, new YamlSection(m, File, PathOf(key), Notes)),
            _ => throw Error(node, PathOf(key), "expected a name or a mapping"),
        };
    }

    /// <summary>A sequence's items, or null when absent. A single scalar is read as a one-item list.</summary>
    public IReadOnlyList<YamlNode>? GetList(string key)
    {
        var node = GetNode(key);
        return node switch
        {
            null => null,
            YamlSequenceNode seq => seq.Children.ToList(),
            YamlScalarNode s => [s],
            _ => throw Error(node, PathOf(key), "expected a list"),
        };
    }

    /// <summary>A list of whole numbers, or null when absent.</summary>
    public IReadOnlyList<long>? GetLongList(string key, long min = long.MinValue, long max = long.MaxValue)
    {
        var items = GetList(key);
        if (items is null)
        {
            return null;
        }

        var result = new List<long>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            var path = $"{PathOf(key)}[{i}]";
            if (items[i] is not YamlScalarNode { Value: { } text } || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            {
                throw Error(items[i], path, "expected a whole number");
            }

            if (v < min || v > max)
            {
                throw Error(items[i], path, $"{v} is out of range {min}..{max}");
            }

            result.Add(v);
        }

        return result;
    }

    /// <summary>A list of numbers, or null when absent.</summary>
    public IReadOnlyList<double>? GetDoubleList(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var items = GetList(key);
        if (items is null)
        {
            return null;
        }

        var result = new List<double>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            var path = $"{PathOf(key)}[{i}]";
            if (items[i] is not YamlScalarNode { Value: { } text } || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                throw Error(items[i], path, "expected a number");
            }

            if (v < min || v > max)
            {
                throw Error(items[i], path, $"{v.ToString(CultureInfo.InvariantCulture)} is out of range {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
            }

            result.Add(v);
        }

        return result;
    }

    /// <summary>Which spelling of a renamed key the section uses: <paramref name="key"/> (also when neither is present), or
    /// <paramref name="deprecatedKey"/>, with a one-line note saying what to write instead. Both marks known.</summary>
    /// <param name="key">The current spelling (e.g. <c>bandwidth_gbit_s</c>).</param>
    /// <param name="deprecatedKey">The old spelling it replaces (e.g. <c>bandwidth_gbps</c>).</param>
    /// <param name="unit">The unit both spellings mean (e.g. <c>Gb/s</c>), for the note.</param>
    /// <exception cref="InputException">Both spellings are given (the error names the key).</exception>
    public string Spelling(string key, string deprecatedKey, string unit)
    {
        bool current = Has(key);
        if (!Has(deprecatedKey))
        {
            return key;
        }

        if (current)
        {
            throw Error(key, $"is given twice, also as {deprecatedKey} (its deprecated spelling)", $"keep only {key}");
        }

        Notes.Once($"{deprecatedKey}→{key}", $"{PathOf(deprecatedKey)} is deprecated: write {key} (the same value, in {unit})");
        return deprecatedKey;
    }

    /// <summary>Fails on the first key that was never read, naming the nearest known key.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (k, _) in Node.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? k.ToString();
            if (!_known.Contains(name))
            {
                var near = KeySuggester.Nearest(name, _known);
                throw Error(k, PathOf(name), "unknown key", near is not null ? $"did you mean '{PathOf(near)}'?" : $"valid keys here: {string.Join(", ", _known.Order(StringComparer.Ordinal))}");
            }
        }
    }

    /// <summary>Marks keys as known without reading them (for keys another reader handles).</summary>
    public void MarkKnown(params string[] keys)
    {
        foreach (var k in keys)
        {
            _known.Add(k);
        }
    }

    private YamlNode? Find(string key)
    {
        foreach (var (k, v) in Node.Children)
        {
            if (k is YamlScalarNode s && string.Equals(s.Value, key, StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }

    private void CheckRange(string key, double v, double min, double max, bool exclusiveMin)
    {
        if (exclusiveMin ? v <= min : v < min)
        {
            var bound = min == 0 && exclusiveMin ? "must be positive" : $"must be {(exclusiveMin ? ">" : "≥")} {min.ToString(CultureInfo.InvariantCulture)}";
            throw Error(key, $"{v.ToString(CultureInfo.InvariantCulture)} {bound}");
        }

        if (v > max)
        {
            throw Error(key, $"{v.ToString(CultureInfo.InvariantCulture)} is too large (at most {max.ToString(CultureInfo.InvariantCulture)})");
        }
    }
}
