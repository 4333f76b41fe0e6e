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
    public void RecurrentLayerExportsWithParity(string name, string lines) =>
        InlineModelParity.Assert(name, "Nx5x8", lines, n => n.OpType is "LSTM" or "GRU" or "RNN");
}
