using System.CommandLine;
using System.Text.Json;
using ShapeSafe.Cli.Commands;
using ShapeSafe.Cli.Hosting;
using Spectre.Console;

namespace ShapeSafe.Tests.Commands;

public sealed class ExplainCommandTests : IDisposable
{
    private const string Seed = "mat1 and mat2 shapes cannot be multiplied (128x29040 and 2048x50)";

    private const string Model = """
        input 1x3x64x64
        conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1)
        pool = nn.MaxPool2d(2, 2)
        conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        pool
        flatten = nn.Flatten()
        fc1 = nn.Linear(32 * 8 * 8, 128)
        fc2 = nn.Linear(128, 10)
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("shapesafe-explain-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Parses with a root holding the command and invokes it with captured output, as a user's shell would.</summary>
    private static (int Code, string Output, string Error) Run(string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 400;
        var root = new RootCommand { ExplainCommand.Create(console, new StringReader(stdin ?? string.Empty)) };
        var parse = root.Parse(["explain", .. args]);
        Assert.Empty(parse.Errors);
        var code = parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return (code, output.ToString(), error.ToString());
    }

    private string WriteModel(string text)
    {
        var path = Path.Combine(_folder, "net.model");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ExplainsTheSeedMessageAsText()
    {
        var (code, output, error) = Run(null, Seed);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Empty(error);
        Assert.Contains("[linear-shape-mismatch]", output, StringComparison.Ordinal);
        Assert.Contains("A batch of 128 samples with 29040 features each reaches a Linear built for 2048 inputs and 50 outputs", output, StringComparison.Ordinal);
        Assert.Contains("1. Set in_features to 29040", output, StringComparison.Ordinal);
        Assert.Contains("29040 = 60x22x22 = 15x44x44 = 240x11x11", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainsTheSeedMessageAsDocumentedJson()
    {
        var (code, output, _) = Run(null, "RuntimeError: " + Seed, "--format", "json");

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.True(root.GetProperty("recognized").GetBoolean());
        Assert.Equal("linear-shape-mismatch", root.GetProperty("kind").GetString());
        Assert.Equal("RuntimeError: " + Seed, root.GetProperty("matched_line").GetString());
        var numbers = root.GetProperty("numbers").EnumerateArray().ToDictionary(n => n.GetProperty("name").GetString()!, n => n.GetProperty("value").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["batch"] = 128, ["features_per_sample"] = 29040, ["in_features"] = 2048, ["out_features"] = 50 }, numbers);
        Assert.All(root.GetProperty("numbers").EnumerateArray(), n => Assert.False(string.IsNullOrEmpty(n.GetProperty("meaning").GetString())));
        var hints = root.GetProperty("factor_hints");
        Assert.Equal(29040, hints.GetProperty("value").GetInt64());
        Assert.Equal("29040 = 60x22x22 = 15x44x44 = 240x11x11", hints.GetProperty("text").GetString());
        Assert.Equal([60L, 15L, 240L], hints.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("channels").GetInt64()));
        Assert.StartsWith("Set in_features to 29040", root.GetProperty("fixes")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("model").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("shapes").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("parameters").ValueKind);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("cause").GetString()));
    }

    [Theory]
    [InlineData("-")]
    [InlineData(null)]
    public void ReadsTheMessageFromStdin(string? argument)
    {
        var log = "Traceback (most recent call last):\n  File \"train.py\", line 3\nRuntimeError: running_mean should contain 32 elements not 16\n";
        var (code, output, _) = Run(log, argument is null ? [] : [argument]);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("[batchnorm-features-mismatch]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesTheLayerAndTheEditWithAModelFile()
    {
        var path = WriteModel(Model);

        var (code, output, _) = Run(null, "mat1 and mat2 shapes cannot be multiplied (1x8192 and 2048x128)", "--model", path);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("fc1 (Linear, line 7): built with in_features=2048 and out_features=128", output, StringComparison.Ordinal);
        Assert.Contains("error[SS0100]: fc1 expects 2048 input features but receives 8192", output, StringComparison.Ordinal);
        Assert.Contains("~ 7 | fc1 = nn.Linear(32 * 16 * 16, 128)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesTheModelMatchInJson()
    {
        var path = WriteModel(Model);

        var (code, output, _) = Run(null, "mat1 and mat2 shapes cannot be multiplied (4x8192 and 2048x128)", "--model", path, "--input", "4x3x32x32", "--format", "json");

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        var model = json.RootElement.GetProperty("model");
        Assert.Equal(path, model.GetProperty("path").GetString());
        Assert.Equal([4L, 3L, 32L, 32L], model.GetProperty("input").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal(0, model.GetProperty("error_count").GetInt32());
        var layer = Assert.Single(model.GetProperty("layers").EnumerateArray());
        Assert.Equal("fc1", layer.GetProperty("name").GetString());
        Assert.Equal(7, layer.GetProperty("line").GetInt32());
        Assert.Empty(layer.GetProperty("diagnostics").EnumerateArray());
    }

    [Fact]
    public void UsesTheInputsBatchToSpotAChangedBatch()
    {
        var (_, output, _) = Run(null, "mat1 and mat2 shapes cannot be multiplied (256x4096 and 2048x10)", "--input", "128x3x64x64");

        Assert.Contains("Your batch is 128, but 256 rows reach the Linear", output, StringComparison.Ordinal);
        Assert.Contains("1. Set in_features to 8192", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CUDA out of memory. Tried to allocate 2.00 GiB", "text")]
    [InlineData("", "text")]
    [InlineData("something else entirely", "json")]
    public void ExitsOneWhenTheMessageIsNotRecognized(string message, string format)
    {
        var (code, output, _) = Run(null, message, "--format", format);

        Assert.Equal(ExitCodes.Findings, code);
        if (format == "json")
        {
            using var json = JsonDocument.Parse(output);
            Assert.False(json.RootElement.GetProperty("recognized").GetBoolean());
            Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("reason").GetString()));
            Assert.Contains("linear-shape-mismatch", json.RootElement.GetProperty("known_kinds").EnumerateArray().Select(k => k.GetString()));
            Assert.False(json.RootElement.GetProperty("self_contradictory").GetBoolean());
        }
        else
        {
            Assert.StartsWith("not recognized: ", output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void ExitsOneOnASelfContradictoryMessage(string format)
    {
        var (code, output, _) = Run(null, "mat1 and mat2 shapes cannot be multiplied (128x2048 and 2048x128)", "--format", format);

        Assert.Equal(ExitCodes.Findings, code);
        Assert.DoesNotContain("2048 != 2048", output, StringComparison.Ordinal);
        if (format == "json")
        {
            using var json = JsonDocument.Parse(output);
            Assert.False(json.RootElement.GetProperty("recognized").GetBoolean());
            Assert.True(json.RootElement.GetProperty("self_contradictory").GetBoolean());
            Assert.Contains("2048 == 2048", json.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith("self-contradictory message: the message contradicts itself", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BinaryStdinIsNotRecognizedAndDoesNotThrow()
    {
        var (code, output, _) = Run("\0\u0001\u0002PK\u0003\u0004\0\0", "-");

        Assert.Equal(ExitCodes.Findings, code);
        Assert.Contains("binary", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingModelFileIsAUsageError()
    {
        var (code, output, error) = Run(null, Seed, "--model", Path.Combine(_folder, "absent.model"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Contains("absent.model: no such file", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "yaml")]
    [InlineData("--input", "3xx64")]
    [InlineData("--bogus", "1")]
    public void BadOptionsAreUsageErrorsThroughTheApp(string option, string value)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = CliApp.Run(["explain", Seed, option, value], output, error);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void IsRegisteredInTheApp()
    {
        var output = new StringWriter();

        var code = CliApp.Run(["explain", Seed], output, new StringWriter());

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("29040 = 60x22x22 = 15x44x44 = 240x11x11", output.ToString(), StringComparison.Ordinal);
    }
}
