using ShapeSafe.Checking;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// Adaptive pooling whose input size is not a multiple of the output size exports exactly (PyTorch's windows
/// [floor(i*in/out), ceil((i+1)*in/out)) as Slice + ReduceMean/ReduceMax + Concat) and gives TorchSharp's output on ONNX
/// Runtime to 1e-4 at batch 1 and 3.
/// </summary>
public sealed class UnevenAdaptivePoolTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "avg2d_both_uneven", "3x4x7x11", "self.pool = nn.AdaptiveAvgPool2d((3, 5))" },
        { "max2d_one_axis_kept", "3x4x7x11", "self.pool = nn.AdaptiveMaxPool2d((None, 4))" },
        { "max1d_uneven", "3x4x10", "self.pool = nn.AdaptiveMaxPool1d(3)" },
        { "avg3d_mixed", "3x2x5x6x7", "self.pool = nn.AdaptiveAvgPool3d((2, 3, 3))" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnevenWindowsExportExactly(string name, string input, string layer)
    {
        var source = $$"""
            import torch
            import torch.nn as nn


            # shapesafe: input {{input}}
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    {{layer}}

                def forward(self, x):
                    return self.pool(x)
            """;
        using var folder = new TempFolder();
        var path = folder.File(name + ".py");
        File.WriteAllText(path, source);
        var (reference, why) = ReferenceModel.Build(CheckService.Check(path, source));
        Assert.True(reference is not null, why);
        using var model = reference;
        var export = OnnxExporter.Export(model.Check.Graph!, model.Weights());
        Assert.True(export.Succeeded, string.Join("\n", export.Diagnostics.Select(d => d.Message)));
        Assert.Contains(export.Model!.Graph.Node, n => n.OpType is "ReduceMean" or "ReduceMax");

        Parity.Assert(model, export.Model!, name);
    }
}
