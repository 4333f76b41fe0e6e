using System.Globalization;
using System.Text.Json;
using ShapeSafe.Checking;
using ShapeSafe.Layers;

namespace ShapeSafe.Tests.Layers;

/// <summary>
/// Replays groundtruth/lazy_signatures.json (groundtruth/lazy_signatures.py, PyTorch 1.13's inspect.signature of every
/// nn.Lazy* class): the registry has exactly PyTorch's Lazy classes, each with PyTorch's parameters, order and defaults,
/// and a model of one Lazy layer on a 3-channel input counts the learnable parameters PyTorch counts.
/// </summary>
public sealed class LazySignatureTests
{
    private static readonly Lazy<JsonElement[]> Layers = new(() =>
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "ShapeSafe.Core.Tests", "Layers", "groundtruth", "lazy_signatures.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("layers").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    public static TheoryData<string> LazyTypes() => new(Layers.Value.Select(l => l.GetProperty("type").GetString()!));

    [Fact]
    public void TheRegistryHasExactlyPyTorchsLazyClasses()
    {
        var ours = LayerRegistry.Default.Names.Where(n => n.StartsWith("Lazy", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        var torch = Layers.Value.Select(l => l.GetProperty("type").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(torch, ours);
    }

    [Theory]
    [MemberData(nameof(LazyTypes))]
    public void TheSignatureIsPyTorchs(string type)
    {
        var layer = Layers.Value.Single(l => l.GetProperty("type").GetString() == type);
        Assert.True(LayerRegistry.Default.TryGet(type, out var entry));
        var expected = layer.GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("default").GetString() is { } d ? $"{p.GetProperty("name").GetString()}={d}" : p.GetProperty("name").GetString()!)
            .ToList();
        var actual = entry.Signature.Parameters.Select(p => p.Default is null ? p.Name : $"{p.Name}={p.Default.ToPython()}").ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(LazyTypes))]
    public void TheParameterCountIsPyTorchs(string type)
    {
        var layer = Layers.Value.Single(l => l.GetProperty("type").GetString() == type);
        var args = string.Join(", ", layer.GetProperty("call").EnumerateObject().Select(a => $"{a.Name}={a.Value.GetInt64().ToString(CultureInfo.InvariantCulture)}"));
        var input = string.Join("x", layer.GetProperty("input").EnumerateArray().Select(d => d.GetInt64().ToString(CultureInfo.InvariantCulture)));
        var check = CheckService.Check("lazy.model", $"input {input}\nl = nn.{type}({args})\n");
        Assert.False(check.HasErrors, string.Join("\n", check.Diagnostics.Select(d => d.Message)));
        Assert.Equal(layer.GetProperty("learnable").GetInt64(), check.TotalParameters);
    }
}
