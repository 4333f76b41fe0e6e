using ShapeSafe.Shapes;
using ShapeSafe.Tests.TestSupport;
using ShapeSafe.Torch.Tracing;

namespace ShapeSafe.Tests.Tracing;

/// <summary>
/// The parent's side of a trace in a child process, without a process: a log written by the observer
/// the child uses, read back, and explained as an abort or a timeout.
/// </summary>
public sealed class TraceAbortExplainerTests
{
    private const string MatMulAbort = """
        [W1201 19:17:55.827256253 NNPACK.cpp:56] Could not initialize NNPACK! Reason: Unsupported hardware.
        terminate called after throwing an instance of 'c10::Error'
          what():  mat1 and mat2 shapes cannot be multiplied (1x8192 and 2048x10)
        Exception raised from meta at /pytorch/aten/src/ATen/native/LinearAlgebra.cpp:204 (most recent call first):
        frame #0: c10::Error::Error(c10::SourceLocation, std::string) + 0xb0
        """;

    [Fact]
    public void ARealTraceLogsEveryCallAndReadsBackAsRows()
    {
        using var folder = new TempFolder();
        var log = folder.Combine("trace.jsonl");
        using var module = TracedModels.Create("CNNModel(8192)");

        var result = ShapeTracer.Trace(module, [1, 3, 64, 64], TraceOptions.Default with { Observer = new TraceLogWriter(log) });
        TraceLog.WriteExit(log, 0, "nothing");
        var read = TraceLog.Read(log);

        Assert.True(result.Succeeded);
        Assert.Equal("CNNModel", read.ModuleType);
        Assert.Equal(Shape.Of(1, 3, 64, 64), read.Input);
        Assert.Equal(result.TotalParameters, read.TotalParameters);
        Assert.Equal(new TraceLogExit(0, "nothing"), read.Exit);
        var left = read.Events.Where(e => e.Left && e.Step.IsLeaf).Select(e => e.Step).ToList();
        Assert.Equal(result.Rows.Select(r => (r.Path, r.Call, r.InputShape, r.OutputShape)), left.Select(s => (s.Path, s.Call, s.Input, s.Output)));
    }

    public static TheoryData<string, string, string, string?> Places => new()
    {
        // name, events (E enter / L leave: path, leaf?, input, output), where, failed row
        { "after a leaf", "E fc 1 1x4; L fc 1 1x4 1x2", "in the forward code after `fc` produced 1x2", null },
        { "inside a leaf", "E fc 1 1x4; L fc 1 1x4 1x2; E out 1 1x2", "inside `out` (Built(out)) on input 1x2", "out" },
        { "before anything", string.Empty, "in the forward code before any submodule ran, on the input 1x3x8x8", null },
        { "in a container", "E block 0 1x4; E block.fc 1 1x4; L block.fc 1 1x4 1x8", "in `block`'s forward, after `block.fc` produced 1x8", null },
        { "container start", "E fc 1 1x4; L fc 1 1x4 1x2; E block 0 1x2", "at the start of `block`'s forward, on its input 1x2", null },
        { "second call", "E pool 1 1x4; L pool 1 1x4 1x2; E pool 1 1x2; L pool 1 1x2 1x1", "in the forward code after `pool` (call 2) produced 1x1", null },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void AnAbortSaysWhereTheForwardPassWas(string name, string events, string where, string? failedRow)
    {
        var result = TraceAbortExplainer.Explain(Run(events, MatMulAbort, exitCode: 134), "Model", Shape.Of(1, 3, 8, 8), TimeSpan.FromSeconds(5));

        Assert.False(result.Succeeded);
        Assert.Equal("SS0305", result.Failure!.Code);
        Assert.Equal($"libtorch aborted the traced process {where}: mat1 and mat2 shapes cannot be multiplied (1x8192 and 2048x10)", result.Failure.Message);
        Assert.Equal("mat1 and mat2 shapes cannot be multiplied (1x8192 and 2048x10)", result.Failure.RawMessage);
        Assert.Contains(result.Failure.Notes, n => n.StartsWith("likely cause: a matrix product (Tensor.matmul, mm or @) of [1 x 8192] and [2048 x 10]", StringComparison.Ordinal));
        Assert.Equal(failedRow, result.Rows.SingleOrDefault(r => r.Failed)?.Path);
        Assert.True(result.Rows.All(r => r.Failed || r.OutputShape is not null), name);
    }

    [Fact]
    public void AnAbortWithoutAMessageGivesTheExitCode()
    {
        var result = TraceAbortExplainer.Explain(Run("E fc 1 1x4", "Segmentation fault", exitCode: 139), "Model", Shape.Of(1, 4), TimeSpan.FromSeconds(5));

        Assert.Equal("libtorch aborted the traced process inside `fc` (Built(fc)) on input 1x4: it ended without a message (exit code 139)", result.Failure!.Message);
        Assert.DoesNotContain(result.Failure.Notes, n => n.StartsWith("likely cause", StringComparison.Ordinal));
    }

    [Fact]
    public void ATimeoutSaysHowLongAndWhere()
    {
        var run = Run("E fc 1 1x4; L fc 1 1x4 1x2", string.Empty, exitCode: 137) with { TimedOut = true };

        var result = TraceAbortExplainer.Explain(run, "Model", Shape.Of(1, 4), TimeSpan.FromSeconds(2.5));

        Assert.Equal("SS0306", result.Failure!.Code);
        Assert.Equal("the forward pass did not finish within 2.5 s (it was in the forward code after `fc` produced 1x2); the traced process was stopped", result.Failure.Message);
        Assert.Equal("fc", result.Failure.Layer?.Name);
    }

    [Fact]
    public void AChildThatDiedBeforeTheForwardPassSaysSo()
    {
        var run = new TraceWorkerRun { Log = new TraceLog(), ExitCode = 134, TimedOut = false, NativeError = "  what():  bad alloc" };

        var result = TraceAbortExplainer.Explain(run, "Model", Shape.Of(1, 4), TimeSpan.FromSeconds(5));

        Assert.Equal("libtorch aborted the traced process while the module was loaded or constructed, before the forward pass: bad alloc", result.Failure!.Message);
        Assert.Equal("Model", result.ModuleType);
        Assert.Empty(result.Rows);
        Assert.False(run.Finished);
    }

    /// <summary>A log with a start and the events, written through the observer the child uses, read back as a run.</summary>
    private static TraceWorkerRun Run(string events, string nativeError, int exitCode)
    {
        using var folder = new TempFolder();
        var path = folder.Combine("trace.jsonl");
        var writer = new TraceLogWriter(path);
        writer.Started("Model", Shape.Of(1, 3, 8, 8), 10);
        var leaves = 0;
        var calls = new Dictionary<string, int>();
        foreach (var text in events.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = text.Split(' ');
            var leaf = parts[2] == "1";
            var enter = parts[0] == "E";
            if (enter)
            {
                calls[parts[1]] = calls.GetValueOrDefault(parts[1]) + 1;
            }

            var step = new TraceStep
            {
                Index = leaf ? (enter ? ++leaves : leaves) : 0,
                Path = parts[1],
                Type = "Built",
                Construction = $"Built({parts[1]})",
                Call = calls[parts[1]],
                IsLeaf = leaf,
                Input = ShapeParser.Parse(parts[3]),
                Output = parts.Length > 4 ? ShapeParser.Parse(parts[4]) : null,
            };
            if (enter)
            {
                writer.Entered(step);
            }
            else
            {
                writer.Left(step);
            }
        }

        return new TraceWorkerRun { Log = TraceLog.Read(path), ExitCode = exitCode, TimedOut = false, NativeError = nativeError };
    }
}
