namespace ShapeSafe.Layers;

/// <summary>
/// Every layer type the engine knows, by PyTorch class name, with the Lazy variants PyTorch has
/// (LazyLinear, LazyConv2d, LazyBatchNorm2d, ...) derived from each rule's inferable size.
/// </summary>
public sealed class LayerRegistry
{
    private readonly Dictionary<string, Entry> _entries;
    private readonly string[] _names;

    private LayerRegistry(IEnumerable<LayerRule> rules)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var entry = new Entry(rule, rule.Signature, rule.Type);
            entries[entry.Type] = entry;
            if (entry.RuleHasLazyVariant)
            {
                entries["Lazy" + entry.Type] = new Entry(rule, rule.LazySignature, "Lazy" + entry.Type);
            }
        }

        // The names keep the registration order (the order of suggestions).
        _names = [.. entries.Keys];
        _entries = entries;
    }

    /// <summary>The registry of all built-in rules.</summary>
    public static LayerRegistry Default { get; } = new(BuiltInRules.All);

    public IEnumerable<string> Names => _names;

    public bool TryGet(string type, out Entry entry) => _entries.TryGetValue(type, out entry!);

    /// <summary>A layer type name as registered, with the signature a call of that name binds to.</summary>
    public sealed record Entry(LayerRule Rule, LayerSignature Signature, string Type)
    {
        public bool IsLazy => !ReferenceEquals(Signature, Rule.Signature);

        /// <summary>The rule's <see cref="LayerRule.Type"/>, read once (some rules build it).</summary>
        internal string RuleType { get; } = Rule.Type;

        /// <summary>The rule's <see cref="LayerRule.HasLazyVariant"/>, read once.</summary>
        internal bool RuleHasLazyVariant { get; } = Rule.HasLazyVariant;
    }
}
