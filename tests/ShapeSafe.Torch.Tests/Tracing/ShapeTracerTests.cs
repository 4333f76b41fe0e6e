using System.Reflection;
using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;
using ShapeSafe.Tests.Tracing.Models;
using ShapeSafe.Torch.Tracing;
using TorchSharp;

namespace ShapeSafe.Tests.Tracing;

public sealed class ShapeTracerTests
{
    private static readonly long[] Seed64 = [1, 3, 64, 64];

    /// <summary>The seed's models: the tracer names fc1, its input 1x8192, and the fix in fc1's own terms.</summary>
    [Theory]
    [InlineData("CNNModel", 2048, "`pool` (call 2) produces 1x32x16x16, which the forward code flattens to 1x8192", true)]
    [InlineData("CNNModelDebug", 50, "`pool` (call 2) produces 1x32x16x16, which the forward code flattens to 1x8192", false)]
    [InlineData("CNNModelFlatten", 2048, "`pool` (call 2) produces 1x32x16x16, which `flatten` flattens to 1x8192", true)]
    public void SeedModelsNameFc1ItsInputAndTheFix(string model, long inFeatures, string origin, bool adaptivePoolFix)
    {
        using var module = TracedModels.Create(model);

        var result = ShapeTracer.Trace(module, Seed64);

        Assert.False(result.Succeeded);
        var failure = Assert.IsType<Diagnostic>(result.Failure);
        Assert.Equal("SS0100", failure.Code);
        Assert.Equal(new LayerRef(0, "fc1", "Linear"), failure.Layer);
        Assert.Equal(
            $"`fc1 = Linear({inFeatures}, 128)` expects {inFeatures} input features but receives 8192: construct it with 8192, i.e. 32*16*16: `fc1 = Linear(8192, 128)`",
            failure.Message);
        Assert.Equal($"mat1 and mat2 shapes cannot be multiplied (1x8192 and {inFeatures}x128)", failure.RawMessage);
        Assert.Equal((inFeatures.ToString(System.Globalization.CultureInfo.InvariantCulture), $"in_features of `fc1 = Linear({inFeatures}, 128)`"), (failure.Expected!.Value, failure.Expected.Origin));
        Assert.Equal(inFeatures, failure.Expected.Number);
        Assert.Equal(("in_features", false), (failure.Expected.Argument!.Parameter, failure.Expected.Argument.IsDefault));
        Assert.Equal(("8192", origin), (failure.Actual!.Value, failure.Actual.Origin));
        Assert.Equal("construct fc1 as Linear(8192, 128)", failure.Fixes[0].Description);
        Assert.Equal(Applicability.MachineApplicable, failure.Fixes[0].Applicability);
        Assert.All(failure.Fixes, f => Assert.Empty(f.Edits));
        Assert.Equal(adaptivePoolFix, failure.Fixes.Any(f => f.Description.StartsWith("apply AdaptiveAvgPool2d((8, 8)) to the output of `pool` (call 2)", StringComparison.Ordinal)));
        Assert.DoesNotContain(failure.Notes, n => n.Contains(failure.RawMessage!, StringComparison.Ordinal));

        var failed = Assert.Single(result.Rows, r => r.Failed);
        Assert.Same(failed, result.Rows[^1]);
        Assert.Equal(("fc1", "Linear", $"Linear({inFeatures}, 128)", Shape.Of(1, 8192)), (failed.Path, failed.Type, failed.Construction, failed.InputShape));
        Assert.Null(failed.OutputShape);
        Assert.Null(result.Output);
        Assert.Equal([failure], result.Diagnostics);
    }

    public static TheoryData<string, long[], (string Path, int Call, string Type, string Input, string Output, long Parameters)[], string> CleanTraces => new()
    {
        {
            "CNNModel(8192)", Seed64,
            [
                ("conv1", 1, "Conv2d", "1x3x64x64", "1x16x64x64", 448),
                ("pool", 1, "MaxPool2d", "1x16x64x64", "1x16x32x32", 0),
                ("conv2", 1, "Conv2d", "1x16x32x32", "1x32x32x32", 4640),
                ("pool", 2, "MaxPool2d", "1x32x32x32", "1x32x16x16", 0),
                ("fc1", 1, "Linear", "1x8192", "1x128", 8192 * 128 + 128),
                ("fc2", 1, "Linear", "1x128", "1x10", 1290),
            ],
            "1x10"
        },
        {
            "CNNModel", [4, 3, 32, 32],
            [
                ("conv1", 1, "Conv2d", "4x3x32x32", "4x16x32x32", 448),
                ("pool", 1, "MaxPool2d", "4x16x32x32", "4x16x16x16", 0),
                ("conv2", 1, "Conv2d", "4x16x16x16", "4x32x16x16", 4640),
                ("pool", 2, "MaxPool2d", "4x32x16x16", "4x32x8x8", 0),
                ("fc1", 1, "Linear", "4x2048", "4x128", 2048 * 128 + 128),
                ("fc2", 1, "Linear", "4x128", "4x10", 1290),
            ],
            "4x10"
        },
        {
            "NestedSequentialModel", [1, 3, 32, 32],
            [
                ("features.block1.conv", 1, "Conv2d", "1x3x32x32", "1x16x32x32", 448),
                ("features.block1.bn", 1, "BatchNorm2d", "1x16x32x32", "1x16x32x32", 32),
                ("features.block1.relu", 1, "ReLU", "1x16x32x32", "1x16x32x32", 0),
                ("features.pool", 1, "MaxPool2d", "1x16x32x32", "1x16x16x16", 0),
                ("features.block2.conv", 1, "Conv2d", "1x16x16x16", "1x32x8x8", 4640),
                ("features.block2.relu", 1, "ReLU", "1x32x8x8", "1x32x8x8", 0),
                ("classifier.flatten", 1, "Flatten", "1x32x8x8", "1x2048", 0),
                ("classifier.linear", 1, "Linear", "1x2048", "1x10", 20490),
            ],
            "1x10"
        },
    };

    [Theory]
    [MemberData(nameof(CleanTraces))]
    public void CorrectModulesTraceCleanWithEveryCallsShapes(string model, long[] input, (string Path, int Call, string Type, string Input, string Output, long Parameters)[] expected, string output)
    {
        foreach (var fill in Enum.GetValues<TraceInputFill>())
        {
            using var module = TracedModels.Create(model);

            var result = ShapeTracer.Trace(module, input, new TraceOptions { Fill = fill, Seed = 7 });

            Assert.True(result.Succeeded);
            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.NotRun);
            Assert.Equal(output, result.Output?.ToString());
            Assert.Equal(expected, result.Rows.Select(r => (r.Path, r.Call, r.Type, r.InputShape!.ToString(), r.OutputShape!.ToString(), r.Parameters)).ToArray());
            Assert.Equal(Enumerable.Range(1, expected.Length), result.Rows.Select(r => r.Index));
            Assert.DoesNotContain(result.Rows, r => r.Failed);
            Assert.Equal(module.parameters().Sum(p => p.numel()), result.TotalParameters);
        }
    }

    [Fact]
    public void AConvChannelMismatchInsideASequentialNamesThatConv()
    {
        using var module = new NestedSequentialModel(block2InChannels: 8);

        var result = ShapeTracer.Trace(module, [1, 3, 32, 32]);

        var failure = Assert.IsType<Diagnostic>(result.Failure);
        Assert.Equal("SS0101", failure.Code);
        Assert.Equal(new LayerRef(0, "features.block2.conv", "Conv2d"), failure.Layer);
        Assert.Equal(
            "`features.block2.conv = Conv2d(8, 32, 3, stride=2, padding=1)` expects 8 input channels but receives 16: construct it with 16: `features.block2.conv = Conv2d(16, 32, 3, stride=2, padding=1)`",
            failure.Message);
        Assert.Equal(("16", "`features.pool` produces 1x16x16x16"), (failure.Actual!.Value, failure.Actual.Origin));
        Assert.Equal(("8", "in_channels of `features.block2.conv = Conv2d(8, 32, 3, stride=2, padding=1)`"), (failure.Expected!.Value, failure.Expected.Origin));
        Assert.Equal("Expected 3D (unbatched) or 4D (batched) input with 8 channels to Conv2d.", failure.RawMessage);
        Assert.Equal(["features.block1.conv", "features.block1.bn", "features.block1.relu", "features.pool", "features.block2.conv"], result.Rows.Select(r => r.Path));
        Assert.True(result.Rows[^1].Failed);
        Assert.Equal(Shape.Of(1, 16, 16, 16), result.Rows[^1].InputShape);
    }

    [Fact]
    public void HooksAreRemovedAfterAFailure()
    {
        using var module = new CNNModel();
        using (var probe = torch.nn.Linear(2, 2))
        {
            var remover = probe.register_forward_hook((_, _, _) => null!);
            Assert.Equal(1, HookCount(probe));
            remover.remove();
            Assert.Equal(0, HookCount(probe));
        }

        var first = ShapeTracer.Trace(module, Seed64);

        Assert.False(first.Succeeded);
        foreach (var (path, submodule) in module.named_modules())
        {
            Assert.True(HookCount(submodule) == 0, $"{path} still has hooks");
        }

        // A 32x32 input fits fc1 = Linear(2048, 128): the module runs normally, and nothing records it.
        using (var scope = torch.NewDisposeScope())
        {
            var y = ((torch.nn.Module<torch.Tensor, torch.Tensor>)module).call(torch.zeros(2, 3, 32, 32));
            Assert.Equal([2L, 10L], y.shape);
        }

        var second = ShapeTracer.Trace(module, Seed64);
        Assert.Equal(first.Rows.Select(r => (r.Path, r.Call, r.InputShape, r.OutputShape)), second.Rows.Select(r => (r.Path, r.Call, r.InputShape, r.OutputShape)));
        Assert.Equal(first.Failure?.Message, second.Failure?.Message);
    }

    [Theory]
    [InlineData(true, 16)]
    [InlineData(false, 16)]
    [InlineData(true, 8)]
    [InlineData(false, 8)]
    public void TrainingModeAndGradientsAreAsBeforeAfterTheTrace(bool training, long block2InChannels)
    {
        using var module = new NestedSequentialModel(block2InChannels);
        module.train(training);
        var before = module.named_modules().Select(m => (m.name, m.module.training)).ToList();

        var result = ShapeTracer.Trace(module, [1, 3, 32, 32]);

        Assert.Equal(block2InChannels == 16, result.Succeeded);
        Assert.Equal(training, module.training);
        Assert.Equal(before, module.named_modules().Select(m => (m.name, m.module.training)).ToList());
        Assert.True(torch.is_grad_enabled());
    }

    [Fact]
    public void AViewThatFoldsFeaturesIntoTheBatchIsAWarningWithTheFix()
    {
        using var module = new FoldedBatchModel();

        var result = ShapeTracer.Trace(module, Seed64);

        Assert.True(result.Succeeded);
        Assert.Equal(Shape.Of(4, 128), result.Output);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(("SS0302", Severity.Warning, "fc1"), (warning.Code, warning.Severity, warning.Layer?.Name));
        Assert.Equal(
            "`fc1 = Linear(2048, 128)` receives 4x2048, but the batch is 1: the forward code after `pool` (call 2) reshaped 1x32x16x16 into 4x2048, "
            + "moving features into the batch dimension (as x.view(-1, n) does); flatten per sample with x.flatten(1) or x.view(x.size(0), -1); "
            + "then it expects 2048 input features but receives 8192: construct it with 8192, i.e. 32*16*16: `fc1 = Linear(8192, 128)`",
            warning.Message);
    }

    [Fact]
    public void AFailureInForwardCodeBetweenModulesNamesTheLastModuleAndItsOutput()
    {
        using var module = new FoldedBatchModel();

        var result = ShapeTracer.Trace(module, [1, 3, 60, 60]);

        var failure = Assert.IsType<Diagnostic>(result.Failure);
        Assert.Equal("SS0301", failure.Code);
        Assert.Equal("the forward code fails after `pool` (call 2) produced 1x32x15x15: shape '[-1, 2048]' is invalid for input of size 7200", failure.Message);
        Assert.Equal("shape '[-1, 2048]' is invalid for input of size 7200", failure.RawMessage);
        Assert.Equal(new LayerRef(0, "pool", "MaxPool2d"), failure.Layer);
        Assert.Contains(failure.Notes, n => n.Contains("flatten per sample with x.flatten(1) or x.view(x.size(0), -1) to get 1x7200", StringComparison.Ordinal));
        Assert.Equal(4, result.Rows.Count);
        Assert.DoesNotContain(result.Rows, r => r.Failed || r.OutputShape is null);
    }

    [Fact]
    public void AFailureInAContainersOwnForwardCodeSaysWhichContainer()
    {
        using var module = new OuterModel();

        var result = ShapeTracer.Trace(module, [1, 3, 8, 8]);

        var failure = Assert.IsType<Diagnostic>(result.Failure);
        Assert.Equal("SS0301", failure.Code);
        Assert.Equal("the forward code fails in `block`'s forward, after `block.conv` produced 1x4x8x8: shape '[-1, 7]' is invalid for input of size 256", failure.Message);
        Assert.Equal(["stem", "block.conv"], result.Rows.Select(r => r.Path));
    }

    [Fact]
    public void AModuleWithoutARuleKeepsLibtorchsMessageAndItsInput()
    {
        using var module = new CustomLeafModel();

        var result = ShapeTracer.Trace(module, [2, 8]);

        var failure = Assert.IsType<Diagnostic>(result.Failure);
        Assert.Equal("SS0300", failure.Code);
        Assert.Equal("`second = MatMulLeaf(...)` fails on input 2x6: mat1 and mat2 shapes cannot be multiplied (2x6 and 5x2)", failure.Message);
        Assert.Equal(new LayerRef(0, "second", "MatMulLeaf"), failure.Layer);
        Assert.Equal(("2x6", "`first` produces 2x6"), (failure.Actual!.Value, failure.Actual.Origin));
        Assert.Contains(failure.Notes, n => n.StartsWith("MatMulLeaf is a custom module", StringComparison.Ordinal));
        Assert.Equal([("first", false), ("second", true)], result.Rows.Select(r => (r.Path, r.Failed)));
    }

    [Fact]
    public void ModulesCalledWithForwardOrNeverCalledAreListed()
    {
        using var module = new ForwardBypassModel();

        var result = ShapeTracer.Trace(module, [1, 3, 8, 8]);

        Assert.True(result.Succeeded);
        Assert.Equal(Shape.Of(1, 2), result.Output);
        Assert.Equal(["conv"], result.Rows.Select(r => r.Path));
        Assert.Equal(["fc", "dropout"], result.NotRun);
        var info = Assert.Single(result.Diagnostics);
        Assert.Equal(("SS0303", Severity.Info, "`fc`, `dropout` never ran through call() during the trace"), (info.Code, info.Severity, info.Message));
    }

    [Fact]
    public void ASubmoduleTakingTwoTensorsIsRecordedWithoutShapes()
    {
        using var ok = new BilinearModel(4);
        using var wrong = new BilinearModel(5);

        var clean = ShapeTracer.Trace(ok, [3, 4]);
        var failed = ShapeTracer.Trace(wrong, [3, 4]);

        Assert.True(clean.Succeeded);
        Assert.Equal([("mix", (Shape?)null, (Shape?)null), ("fc", Shape.Of(3, 6), Shape.Of(3, 2))], clean.Rows.Select(r => (r.Path, r.InputShape, r.OutputShape)));
        Assert.Equal(("SS0300", "mix"), (failed.Failure?.Code, failed.Failure?.Layer?.Name));
        Assert.True(Assert.Single(failed.Rows).Failed);
    }

    [Theory]
    [InlineData(new long[0], "the input shape [] must have at least one dimension, each a positive size")]
    [InlineData(new long[] { 1, 0, 64, 64 }, "the input shape [1, 0, 64, 64] must have at least one dimension, each a positive size")]
    [InlineData(new long[] { 1, -3, 64, 64 }, "the input shape [1, -3, 64, 64] must have at least one dimension, each a positive size")]
    public void AnInvalidInputShapeIsADiagnostic(long[] shape, string why)
    {
        using var module = new CNNModel();

        var result = ShapeTracer.Trace(module, shape);

        var failure = Assert.IsType<Diagnostic>(result.Failure);
        Assert.Equal(("SS0304", $"cannot trace CNNModel: {why}"), (failure.Code, failure.Message));
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void AModuleWhoseForwardTakesTwoTensorsCannotBeTraced()
    {
        using var module = torch.nn.Bilinear(4, 5, 6);

        var result = ShapeTracer.Trace(module, [1, 4]);

        Assert.Equal("SS0304", result.Failure?.Code);
        Assert.Contains("not a Module<Tensor, Tensor>", result.Failure?.Message, StringComparison.Ordinal);
    }

    /// <summary>Hooks of every kind a TorchSharp module holds (its private hook dictionaries).</summary>
    private static int HookCount(torch.nn.Module module)
    {
        var count = 0;
        for (var type = module.GetType(); type is not null; type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)
                .Where(f => f.Name.EndsWith("_hooks", StringComparison.Ordinal)))
            {
                count += field.GetValue(module) is System.Collections.ICollection hooks ? hooks.Count : 0;
            }
        }

        return count;
    }
}
