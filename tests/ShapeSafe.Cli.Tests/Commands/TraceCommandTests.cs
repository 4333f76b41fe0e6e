using System.CommandLine;
using System.Text.Json;
using ShapeSafe.Cli.Commands;
using ShapeSafe.Tests.Commands.TraceFixtures;

namespace ShapeSafe.Tests.Commands;

public sealed class TraceCommandTests
{
    private static readonly string Assembly = typeof(SeedCnn).Assembly.Location;

    [Fact]
    public void TheSeedModelFailsAtFc1WithTheFixInItsOwnTerms()
    {
        var (exit, output, error) = Run(Assembly, "--type", typeof(SeedCnn).FullName!, "--input", "1x3x64x64");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains("error[SS0100]: `fc1 = Linear(2048, 128)` expects 2048 input features but receives 8192: construct it with 8192, i.e. 32*16*16: `fc1 = Linear(8192, 128)`", output, StringComparison.Ordinal);
        Assert.Contains("libtorch: mat1 and mat2 shapes cannot be multiplied (1x8192 and 2048x128)", output, StringComparison.Ordinal);
        Assert.Contains("fix (safe to apply): construct fc1 as Linear(8192, 128)", output, StringComparison.Ordinal);
        Assert.Contains("pool (call 2)", output, StringComparison.Ordinal);
        Assert.Contains("1x32x16x16", output, StringComparison.Ordinal);
        Assert.Contains("failed at fc1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorrectModelTracesCleanAndExitsZero()
    {
        var (exit, output, error) = Run(Assembly, "--type", nameof(FixedCnn), "--input", "Nx3x64x64");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        foreach (var expected in new[] { "features.0", "classifier.1", "1x8192", "1x10", "ok (input 1x3x64x64, output 1x10" })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void JsonHasTheRowsAndTheDiagnostic()
    {
        var (exit, output, _) = Run(Assembly, "--type", typeof(SeedCnn).FullName!, "--input", "2x3x64x64", "--format", "json");

        Assert.Equal(1, exit);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal([2L, 3, 64, 64], root.GetProperty("input").EnumerateArray().Select(e => e.GetInt64()));
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["conv1", "pool", "conv2", "pool", "fc1"], rows.Select(r => r.GetProperty("path").GetString()));
        Assert.Equal([1, 1, 1, 2, 1], rows.Select(r => r.GetProperty("call").GetInt32()));
        Assert.Equal([2L, 8192], rows[^1].GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(JsonValueKind.Null, rows[^1].GetProperty("output_shape").ValueKind);
        Assert.True(rows[^1].GetProperty("failed").GetBoolean());
        var diagnostic = Assert.Single(root.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("SS0100", diagnostic.GetProperty("code").GetString());
        Assert.Equal("fc1", diagnostic.GetProperty("layer").GetProperty("name").GetString());
        Assert.Equal("mat1 and mat2 shapes cannot be multiplied (2x8192 and 2048x128)", diagnostic.GetProperty("raw_message").GetString());
    }

    [Fact]
    public void AMatMulThatAbortsLibtorchIsReportedAndThisProcessSurvives()
    {
        var (exit, output, error) = Run(Assembly, "--type", nameof(MatMulMismatch), "--input", "1x3x64x64");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains("error[SS0305]: libtorch aborted the traced process in the forward code after `features.3` produced 1x8192: mat1 and mat2 shapes cannot be multiplied (1x8192 and 2048x10)", output, StringComparison.Ordinal);
        Assert.Contains("likely cause: a matrix product (Tensor.matmul, mm or @) of [1 x 8192] and [2048 x 10]", output, StringComparison.Ordinal);
        Assert.Contains("features.2", output, StringComparison.Ordinal);
        Assert.DoesNotContain("frame #", output, StringComparison.Ordinal);

        // This process is still here and can trace again.
        Assert.Equal(0, Run(Assembly, "--type", nameof(FixedCnn), "--input", "1x3x64x64").Exit);
    }

    [Fact]
    public void TheAbortInJsonKeepsTheRecordedRows()
    {
        var (exit, output, _) = Run(Assembly, "--type", nameof(MatMulMismatch), "--input", "2x3x64x64", "--format", "json");

        Assert.Equal(1, exit);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal(["features.0", "features.1", "features.2", "features.3"], root.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("path").GetString()));
        Assert.Equal([2L, 8192], root.GetProperty("rows")[3].GetProperty("output_shape").EnumerateArray().Select(e => e.GetInt64()));
        var diagnostic = Assert.Single(root.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("SS0305", diagnostic.GetProperty("code").GetString());
        Assert.Equal("features.3", diagnostic.GetProperty("layer").GetProperty("name").GetString());
        Assert.Equal("mat1 and mat2 shapes cannot be multiplied (2x8192 and 2048x10)", diagnostic.GetProperty("raw_message").GetString());
    }

    [Fact]
    public void AForwardThatNeverReturnsIsStoppedAtTheTimeout()
    {
        var (exit, output, error) = Run(Assembly, "--type", nameof(EndlessForward), "--input", "1x4", "--timeout", "3");

        // Where it was depends on how far the child got in 3 s on a busy machine (TraceAbortExplainerTests pin that part).
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains("error[SS0306]: the forward pass did not finish within 3 s (it was ", output, StringComparison.Ordinal);
        Assert.Contains("the traced process was stopped", output, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { ["/no/such/Models.dll", "--type", "X", "--input", "1x3x64x64"], "error: /no/such/Models.dll: no such file" },
        { [Assembly, "--type", "ShapeSafe.Tests.Commands.TraceFixtures.SeedCn", "--input", "1x3x64x64"], "did you mean 'ShapeSafe.Tests.Commands.TraceFixtures.SeedCnn'?" },
        { [Assembly, "--type", typeof(NotAModule).FullName!, "--input", "1x3x64x64"], "is not a TorchSharp module" },
        { [Assembly, "--type", typeof(ThrowingModule).FullName!, "--input", "1x3x64x64"], "threw InvalidOperationException: the data folder is not configured" },
        { [Assembly, "--input", "1x3x64x64"], "error: --type is required" },
        { [Assembly, "--type", nameof(FixedCnn)], "error: --input is required" },
        { [Assembly, "--type", nameof(FixedCnn), "--input", "1xCx64x64"], "only the batch may be symbolic" },
        { [Assembly, "--type", nameof(FixedCnn), "--input", "1x0x64x64"], "error: --input: dimension '0'" },
        { [Assembly, "--type", nameof(FixedCnn), "--input", "1x3x64x64", "--timeout", "0"], "error: --timeout must be a positive number of seconds, not 0" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void UsageErrorsExitTwoWithOneClearLine(string[] args, string message)
    {
        var (exit, output, error) = Run(args);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { TraceCommand.Create() };
        var parse = root.Parse(["trace", .. args]);
        Assert.Empty(parse.Errors);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return (exit, output.ToString(), error.ToString());
    }
}
