using System.Text;
using BenchmarkDotNet.Attributes;
using ShapeSafe.Inference;
using ShapeSafe.Syntax;

namespace ShapeSafe.Bench;

/// <summary>
/// Shape inference is pure arithmetic: a 300-layer model must be checked in well under 1 ms
/// in-process. Measures parsing and checking separately and together, and the seed's
/// failing model with its fix search.
/// </summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    private string _text = string.Empty;
    private ModelFile _parsed = null!;
    private ModelFile _seedBug = null!;

    /// <summary>A 300-layer CNN: 60 blocks of conv, batch norm, ReLU, and a pooling or dropout layer every block, then a head.</summary>
    public static string ThreeHundredLayers()
    {
        var text = new StringBuilder("input 32x3x224x224\n");
        var layers = 0;
        var channels = 3;
        for (var block = 0; layers < 294; block++)
        {
            var next = Math.Min(512, 16 << Math.Min(block / 10, 5));
            text.AppendLine($"conv{block} = nn.Conv2d({channels}, {next}, kernel_size=3, padding=1)");
            text.AppendLine($"bn{block} = nn.BatchNorm2d({next})");
            text.AppendLine($"relu{block} = nn.ReLU(inplace=True)");
            text.AppendLine(block % 12 == 11 ? $"pool{block} = nn.MaxPool2d(2, 2)" : $"drop{block} = nn.Dropout2d(0.1)");
            text.AppendLine($"act{block} = nn.SiLU()");
            layers += 5;
            channels = next;
        }

        text.AppendLine("gap = nn.AdaptiveAvgPool2d((1, 1))");
        text.AppendLine("flatten = nn.Flatten()");
        text.AppendLine("fc1 = nn.LazyLinear(256)");
        text.AppendLine("relu = nn.ReLU()");
        text.AppendLine("fc2 = nn.Linear(256, 1000)");
        text.AppendLine("out = nn.LogSoftmax(dim=1)");
        return text.ToString();
    }

    [GlobalSetup]
    public void Setup()
    {
        _text = ThreeHundredLayers();
        _parsed = ModelFileParser.Parse("300.model", _text);
        if (_parsed.Layers.Count < 300 || ShapeChecker.Check(_parsed).HasErrors)
        {
            throw new InvalidOperationException("the 300-layer model must be valid and have at least 300 layers");
        }

        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ShapeSafe.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("run from inside the repository");
        }

        _seedBug = ModelFileParser.Parse("seed", File.ReadAllText(Path.Combine(root, "examples", "seed_example2_flatten.model")));
    }

    [Benchmark(Description = "check 300 layers (parsed)")]
    public CheckResult Check300() => ShapeChecker.Check(_parsed);

    [Benchmark(Description = "parse + check 300 layers")]
    public CheckResult ParseAndCheck300() => ShapeChecker.Check(ModelFileParser.Parse("300.model", _text));

    [Benchmark(Description = "seed bug: check with fixes")]
    public CheckResult SeedWithFixes() => ShapeChecker.Check(_seedBug);
}
