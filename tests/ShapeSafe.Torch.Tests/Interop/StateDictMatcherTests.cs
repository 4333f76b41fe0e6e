using ShapeSafe.Inference;
using ShapeSafe.Interop;
using ShapeSafe.Syntax;

namespace ShapeSafe.Tests.Interop;

public sealed class StateDictMatcherTests
{
    private const string Model = """
        input Nx3x32x32
        conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1)
        bn1 = nn.BatchNorm2d(16)
        relu1 = nn.ReLU()
        pool = nn.MaxPool2d(2, 2)
        conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1, groups=2)
        pool
        flatten = nn.Flatten()
        fc1 = nn.LazyLinear(128)
        fc2 = nn.Linear(128, 10)
        """;

    private static readonly (string Key, long[] Shape)[] Expected =
    [
        ("conv1.weight", [16, 3, 3, 3]), ("conv1.bias", [16]),
        ("bn1.weight", [16]), ("bn1.bias", [16]), ("bn1.running_mean", [16]), ("bn1.running_var", [16]), ("bn1.num_batches_tracked", []),
        ("conv2.weight", [32, 8, 3, 3]), ("conv2.bias", [32]),
        ("fc1.weight", [128, 2048]), ("fc1.bias", [128]),
        ("fc2.weight", [10, 128]), ("fc2.bias", [10]),
    ];

    public static TheoryData<string, long[], string, string> Mismatches() => new()
    {
        { "fc1.weight", [128, 8192], "SS0232", "size mismatch for fc1.weight: copying a param with shape [128, 8192] from checkpoint, the shape in current model is [128, 2048]: fc1 (line 9) should be built with in_features=8192" },
        { "fc2.weight", [100, 128], "SS0232", "fc2 (line 10) should be built with out_features=100" },
        { "conv1.weight", [16, 1, 3, 3], "SS0232", "conv1 (line 2) should be built with in_channels=1" },
        { "conv1.weight", [16, 3, 5, 5], "SS0232", "conv1 (line 2) should be built with kernel_size=(5, 5)" },
        { "conv2.weight", [32, 16, 3, 3], "SS0232", "conv2 (line 6) should be built with in_channels=32" },
        { "bn1.running_mean", [32], "SS0232", "bn1 (line 3) should be built with num_features=32" },
        { "bn1.num_batches_tracked", [1], "SS0232", "bn1 (line 3) must be built so that its num_batches_tracked has shape [1]" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void AShapeMismatchNamesTheKeyTheLayerItsLineAndTheSizeToWrite(string key, long[] shape, string code, string message)
    {
        var found = Entries().Select(e => e.Key == key ? e with { Shape = shape, Stride = WeightsEntry.ContiguousStrides(shape) } : e).ToList();
        var diagnostic = Assert.Single(StateDictMatcher.Match(Check(), ExpectedTensors(), found, "w.pt"));
        Assert.Equal(code, diagnostic.Code);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(diagnostic.Layer!.Line, diagnostic.Line);
    }

    [Fact]
    public void AnInferredSizeGetsANoteThatTheInputDiffers()
    {
        var found = Entries().Select(e => e.Key == "fc1.weight" ? e with { Shape = [128, 8192] } : e).ToList();
        var diagnostic = Assert.Single(StateDictMatcher.Match(Check(), ExpectedTensors(), found, "w.pt"));
        Assert.Contains("in_features=2048 is inferred from the input Nx3x32x32", Assert.Single(diagnostic.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingAndUnexpectedKeysAreEachADiagnostic()
    {
        var found = Entries().Where(e => e.Key != "bn1.num_batches_tracked").ToList();
        found.Add(Entry("fc3.weight", [10, 10]));
        found.Add(Entry("relu1.weight", [1]));
        var diagnostics = StateDictMatcher.Match(Check(), ExpectedTensors(), found, "w.pt");
        Assert.Equal(["SS0230", "SS0231", "SS0231"], diagnostics.Select(d => d.Code));
        Assert.Equal("missing key bn1.num_batches_tracked in w.pt: bn1 (line 3) needs a tensor of shape [] that the file does not provide", diagnostics[0].Message);
        Assert.Equal("unexpected key fc3.weight in w.pt (shape [10, 10]): the model has no layer named 'fc3'", diagnostics[1].Message);
        Assert.Equal("unexpected key relu1.weight in w.pt (shape [1]): relu1 (line 4) has no parameter or buffer named 'weight'", diagnostics[2].Message);
        Assert.Equal(4, diagnostics[2].Line);
    }

    [Fact]
    public void MatchingFilesGiveNoDiagnostics() =>
        Assert.Empty(StateDictMatcher.Match(Check(), ExpectedTensors(), Entries(), "w.pt"));

    private static CheckResult Check() => ShapeChecker.Check(ModelFileParser.Parse("m.model", Model));

    private static List<ExpectedTensor> ExpectedTensors() => Expected.Select(e => new ExpectedTensor(e.Key, e.Shape)).ToList();

    private static List<WeightsEntry> Entries() => Expected.Select(e => Entry(e.Key, e.Shape)).ToList();

    private static WeightsEntry Entry(string key, long[] shape) => new()
    {
        Key = key,
        DType = TensorDType.Float32,
        Shape = shape,
        Stride = WeightsEntry.ContiguousStrides(shape),
    };
}
