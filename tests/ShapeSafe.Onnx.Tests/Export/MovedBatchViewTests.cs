using ShapeSafe.Checking;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// A view that merges or splits the batch after it moved off the first dimension (a sequence model's [T, N, H] viewed
/// as [T * N, H] and back, as crnn_ocr does): checked with a symbolic batch, as <c>export --to onnx</c> checks, the
/// batch-dependent entry of the Reshape is -1 and the file runs at any batch (as does a repeat that keeps a symbolic
/// batch); checked with a number, it is SS0250.
/// </summary>
public sealed class MovedBatchViewTests
{
    private const string Lines = "self.rnn = nn.LSTM(8, 6)|out, _ = self.rnn(x.permute(1, 0, 2)); T, b, h = out.size(); y = out.reshape(T * b, h).view(T, b, -1) * 2|return y.permute(1, 0, 2)";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "merge_then_split_sequence_first", "Reshape", Lines },
        { "repeat_keeps_the_symbolic_batch", "Tile", "self.w = nn.Parameter(torch.randn(6, 8))|y = F.linear(x, self.w).repeat(1, 2, 1)|return y" },
        { "split_batch_at_dim_one", "Reshape", "self.w = nn.Parameter(torch.randn(6, 8))|y = F.linear(x.permute(1, 0, 2), self.w); T, b, h = y.size(); y = y.reshape(T * b, 2, 3).flatten(1).view(T, b, h)|return y.transpose(0, 1)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ViewOfAMovedBatchStaysDynamic(string name, string op, string lines) =>
        InlineModelParity.Assert(name, "Nx5x8", lines, n => n.OpType == op);

    [Fact]
    public void ViewOfAMovedBatchCheckedAsANumberIsRefused()
    {
        using var folder = new TempFolder();
        var path = folder.File("moved.py");
        var parts = Lines.Split('|');
        var source = $$"""
            import torch
            import torch.nn as nn


            # shapesafe: input 3x5x8
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    {{parts[0]}}

                def forward(self, x):
                    {{parts[1]}}
                    {{parts[2]}}
            """;
        File.WriteAllText(path, source);
        var (reference, why) = ReferenceModel.Build(CheckService.Check(path, source));
        Assert.True(reference is not null, why);
        using var model = reference;

        var export = OnnxExporter.Export(model.Check.Graph!, model.Weights());

        var diagnostic = Assert.Single(export.Diagnostics);
        Assert.Equal("SS0250", diagnostic.Descriptor.Code);
        Assert.Contains("Tensor.reshape", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic batch", diagnostic.Message, StringComparison.Ordinal);
    }
}
