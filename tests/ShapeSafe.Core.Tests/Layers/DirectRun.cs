using ShapeSafe.Diagnostics;
using ShapeSafe.Layers;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Tests.Layers;

/// <summary>
/// Runs one layer line's rule on any shape, including a 0-dim one that no model file can declare,
/// with the registry's binding (so Lazy forms bind as they do in a model).
/// </summary>
internal static class DirectRun
{
    public static LayerOutcome On(string layerLine, Shape input)
    {
        var call = Assert.Single(ModelFileParser.Parse("test.model", layerLine).Layers);
        Assert.True(LayerRegistry.Default.TryGet(call.Type, out var entry), $"{call.Type} is not registered");
        var diagnostics = new List<Diagnostic>();
        var args = ArgumentBinder.Bind(call, entry.Type, entry.Signature, diagnostics, entry.Rule.HasLazyVariant && !entry.IsLazy);
        Assert.True(args is not null, string.Join("; ", diagnostics.Select(d => d.Message)));
        return entry.Rule.Infer(new LayerContext(call, entry.Type, args), input);
    }

    /// <summary>The 0-dim shape (a Python scalar tensor).</summary>
    public static Shape Scalar { get; } = new();
}
