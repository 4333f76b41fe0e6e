using System.Reflection;

namespace ShapeSafe.Layers;

/// <summary>
/// The built-in rules: every concrete <see cref="LayerRule"/> in this assembly (one per file under
/// Layers/), so adding a layer is adding its rule file.
/// </summary>
internal static class BuiltInRules
{
    public static IEnumerable<LayerRule> All => typeof(LayerRule).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(LayerRule)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (LayerRule)Activator.CreateInstance(t)!)
        .OrderBy(r => r.Type, StringComparer.Ordinal);
}
