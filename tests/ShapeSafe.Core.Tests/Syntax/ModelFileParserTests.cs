using ShapeSafe.Syntax;

namespace ShapeSafe.Tests.Syntax;

public sealed class ModelFileParserTests
{
    [Theory]
    [InlineData("conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1)", "Conv2d", "conv1", 4)]
    [InlineData("Conv2d(3, 16, 3, padding=1)", "Conv2d", null, 4)]
    [InlineData("self.fc1 = nn.Linear(32 * 8 * 8 , 128) # Calculated by hand", "Linear", "fc1", 2)]
    [InlineData("torch.nn.ReLU()", "ReLU", null, 0)]
    [InlineData("nn.MaxPool2d(2, 2),", "MaxPool2d", null, 2)]
    [InlineData("up = nn.Upsample(scale_factor=2.0, mode='bilinear', align_corners=False)", "Upsample", "up", 3)]
    public void ParsesPyTorchConstructorLines(string line, string type, string? name, int argumentCount)
    {
        var file = ModelFileParser.Parse("m", line);
        Assert.Empty(file.Diagnostics);
        var call = Assert.Single(file.Layers);
        Assert.Equal(type, call.Type);
        Assert.Equal(name, call.Name);
        Assert.Equal(argumentCount, call.Arguments.Count);
    }

    [Theory]
    [InlineData("32 * 8 * 8", ArgKind.Int, "2048")]
    [InlineData("64 // 2 ** 2", ArgKind.Int, "16")]
    [InlineData("-7 // 2", ArgKind.Int, "-4")]
    [InlineData("-7 % 3", ArgKind.Int, "2")]
    [InlineData("64 / 2", ArgKind.Float, "32")]
    [InlineData("1e-5", ArgKind.Float, "1E-05")]
    [InlineData("(3, 3)", ArgKind.Tuple, "(3, 3)")]
    [InlineData("[1, 2]", ArgKind.Tuple, "(1, 2)")]
    [InlineData("(5,)", ArgKind.Tuple, "(5,)")]
    [InlineData("(2 + 3)", ArgKind.Int, "5")]
    [InlineData("'same'", ArgKind.String, "'same'")]
    [InlineData("True", ArgKind.Bool, "True")]
    [InlineData("None", ArgKind.None, "None")]
    public void EvaluatesArgumentsWithPythonSemantics(string expression, ArgKind kind, string python)
    {
        var file = ModelFileParser.Parse("m", $"Identity({expression})");
        Assert.Empty(file.Diagnostics);
        var value = Assert.Single(Assert.Single(file.Layers).Arguments).Value;
        Assert.Equal(kind, value.Kind);
        Assert.Equal(expression, value.Text);
        var rendered = value.Kind == ArgKind.Float ? value.Float.ToString(System.Globalization.CultureInfo.InvariantCulture) : value.ToPython();
        Assert.Equal(python, rendered);
    }

    [Fact]
    public void KeepsTheSpanOfAnArgumentForEdits()
    {
        const string line = "fc1 = nn.Linear(32 * 8 * 8, 128)";
        var value = Assert.Single(ModelFileParser.Parse("m", line).Layers).Arguments[0].Value;
        Assert.Equal("32 * 8 * 8", line[(value.Span.Column - 1)..(value.Span.EndColumn - 1)]);
    }

    [Fact]
    public void ReadsTheInputDeclaration()
    {
        var file = ModelFileParser.Parse("m", "# seed\ninput Nx3x64x64\nReLU()");
        Assert.NotNull(file.Input);
        Assert.Equal("Nx3x64x64", file.Input!.Shape.ToString());
        Assert.Equal(2, file.Input.Line);
    }

    [Fact]
    public void ABareEarlierNameReusesThatLayer()
    {
        var file = ModelFileParser.Parse("m", "pool = nn.MaxPool2d(2, 2)\nReLU()\npool");
        Assert.Empty(file.Diagnostics);
        Assert.Equal(3, file.Layers.Count);
        Assert.Equal("MaxPool2d", file.Layers[2].Type);
        Assert.Equal(3, file.Layers[2].Line);
        Assert.Equal("pool", file.Layers[2].Name);
    }

    [Theory]
    [InlineData("nn.Conv2d(3, 16, 3", 1, 10, "never closed")]
    [InlineData("nn.Conv2d(3, 16, 3))", 1, 20, "no '('")]
    [InlineData("nn.Conv2d(3 16)", 1, 13, "expected ','")]
    [InlineData("nn.Linear(in_features=3, 4)", 1, 26, "positional argument follows keyword argument")]
    [InlineData("nn.Linear(99999999999999999999, 4)", 1, 11, "too large")]
    [InlineData("nn.Linear(2**70, 4)", 1, 12, "too large")]
    [InlineData("nn.Linear(1 // 0, 4)", 1, 13, "division by zero")]
    [InlineData("nn.ReLU(inplace=true)", 1, 17, "write True")]
    [InlineData("np.zeros(3)", 1, 1, "not a torch.nn layer")]
    [InlineData("flatten", 1, 1, "not a layer defined above")]
    [InlineData("x = 'abc", 1, 5, "unterminated string")]
    [InlineData("@@@", 1, 1, "unexpected character")]
    [InlineData("input 3xfoo-x2", 1, 7, "neither a positive integer")]
    [InlineData("input 0x3", 1, 7, "positive size")]
    public void MalformedLinesGiveASyntaxDiagnosticWithAColumn(string text, int line, int column, string fragment)
    {
        var file = ModelFileParser.Parse("m", text);
        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal(line, diagnostic.Span.Line);
        Assert.Equal(column, diagnostic.Span.Column);
        Assert.Contains(fragment, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomBytesNeverThrow()
    {
        var random = new Random(1234);
        const string alphabet = "nn.Conv2dLinear()[],=*+-/%#'\"0123456789 xNTrueFalseNone_\t\0é\u2028";
        for (var i = 0; i < 3000; i++)
        {
            var chars = Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            var text = new string(chars);
            var file = ModelFileParser.Parse("fuzz", text);
            Assert.All(file.Diagnostics, d => Assert.True(d.Span.Line >= 1, $"diagnostic without a line for {text}"));
        }
    }
}
