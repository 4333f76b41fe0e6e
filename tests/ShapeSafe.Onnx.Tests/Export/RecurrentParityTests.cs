using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// nn.LSTM, nn.GRU and nn.RNN (stacked, bidirectional, batch_first or sequence-first, h_n and c_n read, an initial state
/// given positionally or as hx=, an unbatched 2-D input) export to ONNX's
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
        { "lstm_initial_state_stacked_bidirectional", "self.rnn = nn.LSTM(8, 6, num_layers=2, bidirectional=True, batch_first=True); self.init = nn.Linear(8, 6)|a = torch.tanh(self.init(x[:, 0])); out, (h, c) = self.rnn(x, (torch.stack([a, a * 0.5, -a, a * 2]), torch.stack([-a, a, a * 0.1, a])))|return out, h, c" },
        { "gru_initial_state_zeros_of_the_batch", "self.rnn = nn.GRU(8, 6, batch_first=True)|out, h = self.rnn(x, torch.zeros(1, x.size(0), 6) + 0.5)|return out, h" },
        { "rnn_initial_state_keyword_no_bias", "self.rnn = nn.RNN(8, 6, num_layers=2, bias=False)|out, h = self.rnn(x.transpose(0, 1), hx=torch.ones(2, x.size(0), 6) * 0.1)|return out.transpose(0, 1), h" },
        { "lstm_unbatched_bidirectional", "self.rnn = nn.LSTM(8, 6, bidirectional=True, batch_first=True)|out, (h, c) = self.rnn(x[0])|return out, h, c" },
        { "gru_unbatched_initial_state", "self.rnn = nn.GRU(8, 6)|out, h = self.rnn(x[0], x[0, :1, :6])|return out, h" },
        { "rnn_tanh_no_bias", "self.rnn = nn.RNN(8, 6, num_layers=2, bias=False, batch_first=True)|out, h = self.rnn(x)|return torch.cat([out, h.permute(1, 0, 2)], 1)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RecurrentLayerExportsWithParity(string name, string lines) =>
        InlineModelParity.Assert(name, "Nx5x8", lines, n => n.OpType is "LSTM" or "GRU" or "RNN");

    [Fact]
    public void EverySequenceLayerOfTheRuntimeCorpusExportsWithParity()
    {
        // Embedding, stacked GRU, bidirectional relu RNN, MultiheadAttention with its weights, a pre-norm encoder and an LSTM's h_n/c_n.
        const string file = "tests/corpus/runtime/sequence_layers_ok.py";
        var (reference, why) = ReferenceModel.Build(Models.Symbolic(file));
        Assert.True(reference is not null, why);
        using var model = reference;
        Assert.True(model.Check.Inputs[0][0].IsSymbolic);

        var export = OnnxExporter.Export(model.Check.Graph!, model.Weights());

        Assert.True(export.Succeeded, string.Join("\n", export.Diagnostics.Select(d => d.Message)));
        Parity.Assert(model, export.Model!, file);
    }
}
