using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// For every example model and every runnable .py corpus model (those that sample random numbers in forward:
/// <see cref="RandomOpsTests"/>): the exported file on ONNX Runtime gives TorchSharp's
/// output (GraphModule in eval mode, same weights) to 1e-4 on random input at batch 1 and batch 3, at the smallest
/// input size the model takes, exported from a check with a symbolic batch as the CLI's export (<see cref="Models"/>).
/// </summary>
public sealed class ParityTests
{
    public static TheoryData<string> Files => [.. Models.All.Where(f => !RandomOpsTests.Files.Contains(f))];

    [Theory]
    [MemberData(nameof(Files))]
    public void OnnxRuntimeGivesTorchSharpsOutput(string file)
    {
        var (reference, why) = Models.Take(file);
        Assert.True(reference is not null, why);
        var export = OnnxExporter.Export(reference.Check.Graph!, reference.Weights());
        if (!export.Succeeded && !reference.Check.Inputs[0].Skip(1).SequenceEqual(Models.DeclaredInput(file).Skip(1)))
        {
            // The smallest size may make a window uneven that the file's own size keeps even: test at the file's size.
            reference.Dispose();
            (reference, why) = ReferenceModel.Build(Models.Symbolic(file));
            Assert.True(reference is not null, why);
            export = OnnxExporter.Export(reference.Check.Graph!, reference.Weights());
        }

        using var model = reference;
        Assert.True(export.Succeeded, string.Join("\n", export.Diagnostics.Select(d => d.Message)));

        Parity.Assert(model, export.Model!, file);
    }
}
