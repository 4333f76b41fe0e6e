using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Layers;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Tests.Inference;

/// <summary>
/// The "make the input NxN" fix: the fast search (checks cut short at the failing line, and the two bounds that end it
/// early) finds exactly what trying every size with a whole check finds, on the examples, the fixtures, and models built
/// to hit each bound, at many input sizes.
/// </summary>
public sealed class InputSizeSearchTests
{
    private static readonly Dictionary<string, string> Models = new(StringComparer.Ordinal)
    {
        ["linear after adaptive pooling: no size works"] = """
            input 2x3x64x64
            conv = nn.Conv2d(3, 8, 3, padding=1)
            pool = nn.MaxPool2d(2)
            gap = nn.AdaptiveAvgPool2d((4, 4))
            flat = nn.Flatten()
            fc = nn.Linear(100, 10)
            """,
        ["in_features no size reaches"] = """
            input 1x3x64x64
            conv = nn.Conv2d(3, 10, 3, padding=1)
            pool = nn.MaxPool2d(2, 2)
            flat = nn.Flatten()
            fc = nn.Linear(1001, 10)
            """,
        ["in_features reached by a larger input"] = """
            input 1x3x32x32
            conv = nn.Conv2d(3, 4, 5)
            pool = nn.MaxPool2d(2, 2)
            flat = nn.Flatten()
            fc = nn.Linear(4 * 30 * 30, 10)
            """,
        ["a reused pool after the failing line reports on its defining line"] = """
            input 1x3x64x64
            pool = nn.MaxPool2d(2, 2)
            conv = nn.Conv2d(3, 8, 3)
            flat = nn.Flatten()
            fc = nn.Linear(8 * 14 * 14, 10)
            pool
            """,
        ["channel mismatch, the same at every size"] = """
            input 1x3x64x64
            conv1 = nn.Conv2d(3, 16, 3)
            conv2 = nn.Conv2d(8, 16, 3)
            """,
        ["batch norm after Unflatten of a size-dependent dimension"] = """
            input 1x3x16x16
            flat = nn.Flatten()
            unflat = nn.Unflatten(1, (-1, 8, 8))
            bn = nn.BatchNorm2d(3)
            """,
        ["kernel larger than a small input"] = """
            input 1x1x4x4
            conv1 = nn.Conv2d(1, 4, 3)
            conv2 = nn.Conv2d(4, 4, 3)
            fc = nn.Linear(16, 2)
            """,
        ["pool output too small, then a strided stack"] = """
            input 1x3x9x9
            conv = nn.Conv2d(3, 8, 3, stride=2)
            pool = nn.MaxPool2d(3, stride=2)
            pool2 = nn.AvgPool2d(3)
            flat = nn.Flatten()
            fc = nn.Linear(8, 4)
            """,
        ["upsampling and padding"] = """
            input 1x2x10x10
            up = nn.Upsample(scale_factor=1.5)
            pad = nn.ZeroPad2d(1)
            conv = nn.Conv2d(2, 4, 3, stride=3)
            flat = nn.Flatten()
            fc = nn.Linear(4 * 6 * 6, 2)
            """,
        ["one spatial dimension"] = """
            input 4x2x50
            conv = nn.Conv1d(2, 6, 5, stride=2)
            flat = nn.Flatten()
            fc = nn.Linear(6 * 20, 3)
            """,
        ["three spatial dimensions"] = """
            input 1x1x12x12x12
            conv = nn.Conv3d(1, 2, 3)
            pool = nn.MaxPool3d(2)
            flat = nn.Flatten()
            fc = nn.Linear(2 * 4 * 4 * 4, 3)
            """,
        ["symbolic batch"] = """
            input Nx3x32x32
            conv = nn.Conv2d(3, 4, 3)
            gap = nn.AdaptiveMaxPool2d(2)
            flat = nn.Flatten()
            fc = nn.Linear(15, 2)
            """,
    };

    private static readonly long[] Sizes = [1, 3, 8, 16, 31, 32, 50, 64, 100, 224];

    public static TheoryData<string, long> Cases()
    {
        var data = new TheoryData<string, long>();
        var files = Directory.GetFiles(RepoPaths.Fixtures, "*.model").Concat(Directory.GetFiles(Path.GetDirectoryName(RepoPaths.Examples("x"))!, "*.model"));
        foreach (var name in Models.Keys.Concat(files.Select(f => Path.GetFileName(f)!)).Order(StringComparer.Ordinal))
        {
            foreach (var size in Sizes)
            {
                data.Add(name, size);
            }

            data.Add(name, 0); // the size the file declares
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheFastSearchFindsWhatTryingEverySizeFinds(string name, long size)
    {
        var file = Parse(name);
        if (file.Input is not { } declared)
        {
            return; // the malformed-lines fixture declares no input: no search runs
        }

        var input = size == 0 ? declared.Shape : Resized(declared.Shape, size);
        var result = ShapeChecker.Check(file, input, LayerRegistry.Default, suggestFixes: false);
        var failing = result.Layers.Select((t, i) => (Trace: t, Index: i)).FirstOrDefault(x => x.Trace.Outcome?.Failure is not null);
        if (failing.Trace is null)
        {
            Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error && d.Code.StartsWith("SS01", StringComparison.Ordinal));
            return;
        }

        var line = failing.Trace.Call.Line;
        var expected = ModelFixes.ValidInputSizesBySearch(file, input, line, LayerRegistry.Default);
        var actual = ModelFixes.ValidInputSizes(file, input, failing.Index, line, failing.Trace.Input!, LayerRegistry.Default);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("seed_example1_view.model", "make the input 1x3x32x32, the size at which the file as written is valid (any size from 1x3x32x32 to 1x3x35x35 works)")]
    [InlineData("seed_example2_flatten.model", "make the input 1x3x32x32, the size at which the file as written is valid (any size from 1x3x32x32 to 1x3x35x35 works)")]
    public void TheSeedExamplesGetTheRangeOfSizesThatWork(string name, string description)
    {
        var result = ShapeChecker.Check(Parse(name));
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        var fix = Assert.Single(error.Fixes, f => f.Description.StartsWith("make the input", StringComparison.Ordinal));
        Assert.Equal(description, fix.Description);
        Assert.Equal("1x3x32x32", Assert.Single(fix.Edits).NewText);
    }

    [Theory]
    [InlineData("linear after adaptive pooling: no size works")]
    [InlineData("in_features no size reaches")]
    [InlineData("channel mismatch, the same at every size")]
    public void NoInputSizeFixWhenNoSizeWorks(string name)
    {
        var error = Assert.Single(ShapeChecker.Check(Parse(name)).Diagnostics, d => d.Severity == Severity.Error);
        Assert.DoesNotContain(error.Fixes, f => f.Description.StartsWith("make the input", StringComparison.Ordinal));
    }

    private static ModelFile Parse(string name) => Models.TryGetValue(name, out var text)
        ? ModelFileParser.Parse(name, text)
        : ModelFileParser.Parse(name, File.ReadAllText(File.Exists(RepoPaths.Examples(name)) ? RepoPaths.Examples(name) : Path.Combine(RepoPaths.Fixtures, name)));

    private static Shape Resized(Shape declared, long size) =>
        new(declared.Select((d, i) => i < 2 || declared.Rank < 3 ? d : Dim.Known(size)));
}
