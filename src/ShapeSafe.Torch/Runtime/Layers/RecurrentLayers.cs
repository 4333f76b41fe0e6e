using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Layers;

/// <summary>
/// nn.LSTM, nn.GRU and nn.RNN as TorchSharp's modules (libtorch's own, so the parameters are PyTorch's:
/// <c>weight_ih_l0</c>, <c>bias_hh_l0_reverse</c>, in PyTorch's order). A call returns PyTorch's tuple,
/// <c>(output, (h_n, c_n))</c> for LSTM and <c>(output, h_n)</c> for the others; an unbatched 2-D input is run as a batch of one.
/// </summary>
internal static class RecurrentLayers
{
    public static (nn.Module Module, Ops.Op Invoke) Create(LayerSettings s, string kind)
    {
        var input = s.Long("input_size");
        var hidden = s.Long("hidden_size");
        var layers = s.Long("num_layers", 1);
        var bias = s.Bool("bias", true);
        var batchFirst = s.Bool("batch_first", false);
        var dropout = s.Double("dropout", 0.0);
        var bidirectional = s.Bool("bidirectional", false);
        if (s.Long("proj_size", 0) != 0)
        {
            throw s.Unsupported("an LSTM with proj_size");
        }

        switch (kind)
        {
            case "LSTM":
            {
                var lstm = nn.LSTM(input, hidden, layers, bias, batchFirst, dropout, bidirectional);
                return (lstm, call => Run(call, batchFirst, (x, h) =>
                {
                    (Tensor, Tensor)? state = h is null ? null : (h[0], h[1]);
                    var (output, hn, cn) = lstm.forward(x, state);
                    return [output, hn, cn];
                }, lstm: true));
            }

            case "GRU":
            {
                var gru = nn.GRU(input, hidden, layers, bias, batchFirst, dropout, bidirectional);
                return (gru, call => Run(call, batchFirst, (x, h) =>
                {
                    var (output, hn) = gru.forward(x, h?[0]);
                    return [output, hn];
                }, lstm: false));
            }

            default:
            {
                var nonlinearity = s.String("nonlinearity", "tanh") switch
                {
                    "tanh" => nn.NonLinearities.Tanh,
                    "relu" => nn.NonLinearities.ReLU,
                    var other => throw new GraphBuildException($"{s.Label}: Unknown nonlinearity '{other}'. Select from 'tanh' or 'relu'."),
                };
                var rnn = nn.RNN(input, hidden, layers, nonlinearity, bias, batchFirst, dropout, bidirectional);
                return (rnn, call => Run(call, batchFirst, (x, h) =>
                {
                    var (output, hn) = rnn.forward(x, h?[0]);
                    return [output, hn];
                }, lstm: false));
            }
        }
    }

    private static object? Run(OpCall call, bool batchFirst, Func<Tensor, Tensor[]?, Tensor[]> run, bool lstm)
    {
        var x = call.Tensor(0, "input");
        Tensor[]? state = call.Get(1, "hx") switch
        {
            null => null,
            Tensor h when !lstm => [h],
            IReadOnlyList<object?> pair when lstm && pair.Count == 2 && pair[0] is Tensor h && pair[1] is Tensor c => [h, c],
            var v => throw call.Fail($"the initial state must be {(lstm ? "a tuple (h_0, c_0)" : "a tensor")}, not {OpCall.Describe(v)}"),
        };
        if (x.dim() is not (2 or 3))
        {
            throw call.Fail($"Expected input to be 2-D or 3-D but received {x.dim()}-D tensor");
        }

        var unbatched = x.dim() == 2;
        if (unbatched)
        {
            x = x.unsqueeze(batchFirst ? 0 : 1);
            state = state?.Select(h => h.unsqueeze(1)).ToArray();
        }

        var results = run(x, state);
        if (unbatched)
        {
            results[0] = results[0].squeeze(batchFirst ? 0 : 1);
            for (var i = 1; i < results.Length; i++)
            {
                results[i] = results[i].squeeze(1);
            }
        }

        return lstm
            ? new List<object?> { results[0], new List<object?> { results[1], results[2] } }
            : new List<object?> { results[0], results[1] };
    }
}
