using System.Text.RegularExpressions;
using ShapeSafe.Layers;

namespace ShapeSafe.Tests.Docs;

/// <summary>docs/layers.md documents every layer type the registry knows, Lazy variants included, with the signature it binds.</summary>
public sealed class LayerDocsTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepoPaths.Docs, "layers.md"));

    public static TheoryData<string> Names() => new(LayerRegistry.Default.Names.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryRegisteredLayerTypeIsInATableRowOrHeading(string name)
    {
        var word = new Regex($@"(?<!\w){Regex.Escape(name)}(?!\w)");
        Assert.Contains(Lines, l => (l.StartsWith('|') || l.StartsWith('#')) && word.IsMatch(l));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryRegisteredLayerTypeHasARowWithItsSignatureAsBound(string name)
    {
        Assert.True(LayerRegistry.Default.TryGet(name, out var entry));
        Assert.Contains(Lines, l => l.StartsWith($"| `{name}({entry.Signature})`", StringComparison.Ordinal));
    }

    [Fact]
    public void NoTableRowNamesALayerTypeTheRegistryDoesNotKnow()
    {
        var names = LayerRegistry.Default.Names.ToHashSet(StringComparer.Ordinal);
        var documented = Lines.Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => Regex.Match(l, @"^\| `(?<type>\w+)").Groups["type"].Value)
            .ToList();
        Assert.NotEmpty(documented);
        Assert.All(documented, type => Assert.Contains(type, names));
    }
}
