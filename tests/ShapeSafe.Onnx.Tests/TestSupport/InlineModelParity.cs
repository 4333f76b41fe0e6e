using System.Text.RegularExpressions;
using ShapeSafe.Checking;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Proto;

namespace ShapeSafe.Onnx.Tests.TestSupport;

/// <summary>
/// The inline-model parity cases: a one-layer <c>nn.Module</c> written from "constructor line|forward line|return line" (<c>\|</c> for Python's <c>|</c>),
/// checked at <c>input</c>, exported, asserted to contain the op the case is about, and compared with TorchSharp by <see cref="Parity"/>.
/// </summary>
internal static class InlineModelParity
{
    public static void Assert(string name, string input, string lines, Func<NodeProto, bool> expectedOp)
    {
        var (model, export) = Export(name, input, lines);
        using (model)
        {
            Xunit.Assert.Contains(export.Graph.Node, n => expectedOp(n));
            Parity.Assert(model, export, name);
        }
    }

    /// <summary>The inline model's export contains the op the case is about and passes <c>onnx.checker.check_model(full_check=True)</c>.</summary>
    public static void AssertFullCheck(string name, string input, string lines, string op)
    {
        var (model, export) = Export(name, input, lines);
        using (model)
        {
            Xunit.Assert.Contains(export.Graph.Node, n => n.OpType == op);
        }

        using var folder = new TempFolder();
        var path = folder.File("model.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(export));
        var (exit, output) = PythonOnnxTheoryAttribute.Run($"-c \"import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)\" \"{path}\"");
        Xunit.Assert.True(exit == 0, output);
    }

    /// <summary>The inline model checked at <paramref name="input"/>, built by TorchSharp, and its export (asserted to succeed).</summary>
    public static (ReferenceModel Model, ModelProto Export) Export(string name, string input, string lines)
    {
        var (reference, why) = ReferenceModel.Build(Check(name, input, lines));
        Xunit.Assert.True(reference is not null, why);
        var export = OnnxExporter.Export(reference.Check.Graph!, reference.Weights());
        if (!export.Succeeded)
        {
            reference.Dispose();
        }

        Xunit.Assert.True(export.Succeeded, string.Join("\n", export.Diagnostics.Select(d => d.Message)));
        return (reference, export.Model!);
    }

    /// <summary>The check of the inline model (the file is gone afterwards; the check keeps its text).</summary>
    public static FileCheck Check(string name, string input, string lines)
    {
        // "|" separates the three lines; "\\|" is Python's | operator inside a line.
        var parts = Regex.Split(lines, @"(?<!\\)\|").Select(p => p.Replace("\\|", "|", StringComparison.Ordinal)).ToArray();
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
        return CheckService.Check(path, source);
    }
}
