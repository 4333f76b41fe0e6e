using ShapeSafe.Checking;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// nn.LSTM, nn.GRU and nn.RNN (stacked, bidirectional, batch_first or sequence-first, h_n and c_n read) export to ONNX's
/// recurrent ops and give TorchSharp's output on ONNX Runtime to 1e-4 at batch 1 and 3.
/// </summary>
public sealed class RecurrentParityTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "lstm_stacked_states", "self.rnn = nn.LSTM(8, 6, num_layers=2, batch_first=True)|out, (h, c) = self.rnn(x)|return torch.cat([out, h.permute(1, 0, 2), c.permute(1, 0, 2)], 1)" },
        { "lstm_bidirectional", "self.rnn = nn.LSTM(8, 6, num_layers=2, bidirectional=True, batch_first=True)|out, _ = self.rnn(x)|return out" },
        { "lstm_sequence_first", "self.rnn = nn.LSTM(8, 6, bidirectional=True)|out, _ = self.rnn(x.permute(1, 0, 2))|return out.permute(1, 0, 2)" },
        { "gru_bidirectional", "self.rnn = nn.GRU(8, 6, num_layers=2, bidirectional=True, batch_first=True)|out, _ = self.rnn(x)|return out" },
        { "gru_states", "self.rnn = nn.GRU(8, 6, num_layers=2, batch_first=True)|out, h = self.rnn(x)|return torch.cat([out, h.permute(1, 0, 2)], 1)" },
        { "rnn_relu_bidirectional", "self.rnn = nn.RNN(8, 6, nonlinearity='relu', bidirectional=True, batch_first=True)|out, _ = self.rnn(x)|return out" },
        { "rnn_tanh_no_bias", "self.rnn = nn.RNN(8, 6, num_layers=2, bias=False, batch_first=True)|out, h = self.rnn(x)|return torch.cat([out, h.permute(1, 0, 2)], 1)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RecurrentLayerExportsWithParity(string name, string lines)
    {
        var parts = lines.Split('|');
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
        using var folder = new TempFolder();
        var path = folder.File(name + ".py");
        File.WriteAllText(path, source);
        var (reference, why) = ReferenceModel.Build(CheckService.Check(path, source));
        Assert.True(reference is not null, why);
        using var model = reference;
        var export = OnnxExporter.Export(model.Check.Graph!, model.Weights());
        Assert.True(export.Succeeded, string.Join("\n", export.Diagnostics.Select(d => d.Message)));
        Assert.Contains(export.Model!.Graph.Node, n => n.OpType is "LSTM" or "GRU" or "RNN");

        Parity.Assert(model, export.Model!, name);
    }
}
