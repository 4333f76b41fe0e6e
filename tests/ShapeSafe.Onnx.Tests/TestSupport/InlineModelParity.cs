using ShapeSafe.Checking;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Proto;

namespace ShapeSafe.Onnx.Tests.TestSupport;

/// <summary>
/// The inline-model parity cases: a one-layer <c>nn.Module</c> written from "constructor line|forward line|return line",
/// checked at <c>input</c>, exported, asserted to contain the op the case is about, and compared with TorchSharp by <see cref="Parity"/>.
/// </summary>
internal static class InlineModelParity
{
    public static void Assert(string name, string input, string lines, Func<NodeProto, bool> expectedOp)
    {
        var parts = lines.Split('|');
        var source = $$"""
            import torch
            import torch.nn as nn
            import torch.nn.functional as F


            # shapesafe: input {{input}}
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    {{parts[0]}}

                def forward(self, x):
                    {{parts[1]}}
                    {{parts[2]}}
            """;
        using var folder = new TempFolder();
        var path = folder.File(name + ".py");
        File.WriteAllText(path, source);
        var (reference, why) = ReferenceModel.Build(CheckService.Check(path, source));
        Xunit.Assert.True(reference is not null, why);
        using var model = reference;
        var export = OnnxExporter.Export(model.Check.Graph!, model.Weights());
        Xunit.Assert.True(export.Succeeded, string.Join("\n", export.Diagnostics.Select(d => d.Message)));
        Xunit.Assert.Contains(export.Model!.Graph.Node, n => expectedOp(n));

        Parity.Assert(model, export.Model!, name);
    }
}
