using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>
/// nn modules the layer registry has no rule for, modelled by their forward's shapes: Embedding, the recurrent layers
/// (LSTM, GRU, RNN, with PyTorch's input-size check), Transformer encoder/decoder layers, MultiheadAttention, PixelShuffle.
/// </summary>
public static class ModuleBindings
{
    public static void Register(TorchTable t)
    {
        t.Module(Embedding, "Embedding");
        t.Module(c => Recurrent(c, "LSTM"), "LSTM");
        t.Module(c => Recurrent(c, "GRU"), "GRU");
        t.Module(c => Recurrent(c, "RNN"), "RNN");
        t.Module(Transformer, "TransformerEncoderLayer", "TransformerDecoderLayer", "TransformerEncoder", "TransformerDecoder");
        t.Module(Attention, "MultiheadAttention");
        t.Module(PixelShuffle, "PixelShuffle");
    }

    private static CallArgs Ctor(TorchCall c) => ((PyOpaqueModule)c.Self!).ConstructorArgs;

    private static long? CtorLong(TorchCall c, int position, string name, long? fallback = null) =>
        Ctor(c).Get(position, name) is { } v ? PyNumbers.ToLong(v) : fallback;

    private static bool? CtorBool(TorchCall c, int position, string name, bool fallback) => Ctor(c).Get(position, name) switch
    {
        null => fallback,
        PyBool b => b.Value,
        _ => null,
    };

    private static PyValue Embedding(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.Result(null);
        }

        if (x.Shape is not { } shape || CtorLong(c, 1, "embedding_dim") is not { } dim)
        {
            return c.Result(null, x);
        }

        return c.Result(shape.Concat([Dim.Known(dim)]), x.BatchAxis, null, isSpatial: false);
    }

    private static PyValue Recurrent(TorchCall c, string kind)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.Result(null);
        }

        var inputSize = CtorLong(c, 0, "input_size");
        var hidden = CtorLong(c, 1, "hidden_size");
        var layers = CtorLong(c, 2, "num_layers", 1);
        var batchFirst = CtorBool(c, 4, "batch_first", false);
        var bidirectional = CtorBool(c, 6, "bidirectional", false);
        var proj = CtorLong(c, -1, "proj_size", 0);
        if (x.Shape is not { } shape || inputSize is null || hidden is null || layers is null || batchFirst is null || bidirectional is null || proj is null)
        {
            return Unknown(c, kind, x);
        }

        if (shape.Rank is not (2 or 3))
        {
            c.Fail($"{kind}: Expected input to be 2-D or 3-D but received {shape.Rank}-D tensor");
            return Unknown(c, kind, x);
        }

        if (shape[^1].IsKnown && shape[^1].Value != inputSize.Value)
        {
            c.Fail($"input.size(-1) must be equal to input_size. Expected {inputSize.Value}, got {shape[^1].Value}");
        }

        var directions = bidirectional.Value ? 2 : 1;
        var outSize = proj.Value > 0 ? proj.Value : hidden.Value;
        var output = shape.WithDim(shape.Rank - 1, directions * outSize);
        var batched = shape.Rank == 3;
        var batch = batched ? shape[batchFirst.Value ? 0 : 1] : Dim.Known(1);
        var hShape = batched ? new Shape(directions * layers.Value, batch, outSize) : new Shape(directions * layers.Value, outSize);
        var cShape = batched ? new Shape(directions * layers.Value, batch, hidden.Value) : new Shape(directions * layers.Value, hidden.Value);
        var outputTensor = c.Result(output, x.BatchAxis, null, isSpatial: false);
        PyValue state = kind == "LSTM"
            ? new PyTuple([c.Result(hShape, -1, null, false), c.Result(cShape, -1, null, false)])
            : c.Result(hShape, -1, null, false);
        return new PyTuple([outputTensor, state]);
    }

    private static PyValue Unknown(TorchCall c, string kind, PyTensor x) =>
        new PyTuple([c.Result(null, x), kind == "LSTM" ? new PyTuple([c.Result(null, x), c.Result(null, x)]) : c.Result(null, x)]);

    private static PyValue Transformer(TorchCall c)
    {
        var x = c.Tensor(0, "src") ?? c.Tensor(0, "tgt");
        if (x is null)
        {
            return c.Result(null);
        }

        var owner = (PyOpaqueModule)c.Self!;
        var dModel = owner.Info.Type.EndsWith("Layer", StringComparison.Ordinal)
            ? CtorLong(c, 0, "d_model")
            : Ctor(c).Get(0, owner.Info.Type == "TransformerEncoder" ? "encoder_layer" : "decoder_layer") is PyOpaqueModule layer && layer.ConstructorArgs.Get(0, "d_model") is { } d
                ? PyNumbers.ToLong(d) : null;
        if (x.Shape is { Rank: > 0 } shape && dModel is { } model && shape[^1].IsKnown && shape[^1].Value != model)
        {
            return c.Fail($"was expecting embedding dimension of {model}, but got {shape[^1].Value}", shape);
        }

        return c.Result(x.Shape, x);
    }

    private static PyValue Attention(TorchCall c)
    {
        if (c.Tensor(0, "query") is not { } query)
        {
            return new PyTuple([c.Result(null), c.Result(null)]);
        }

        if (query.Shape is { Rank: > 0 } shape && CtorLong(c, 0, "embed_dim") is { } embed && shape[^1].IsKnown && shape[^1].Value != embed)
        {
            c.Fail($"was expecting embedding dimension of {embed}, but got {shape[^1].Value}");
        }

        return new PyTuple([c.Result(query.Shape, query), AttentionWeights(c, query)]);
    }

    /// <summary>
    /// The attention weights item: [N, T, S] averaged over heads, [N, num_heads, T, S] with average_attn_weights=False,
    /// without N for an unbatched call; unknown when need_weights=False (PyTorch returns None) or a size is not known.
    /// </summary>
    private static PyValue AttentionWeights(TorchCall c, PyTensor query)
    {
        var batchFirst = CtorBool(c, 8, "batch_first", false);
        var heads = CtorLong(c, 1, "num_heads");
        if (c.Bool(4, "need_weights", true) is not true || c.Bool(6, "average_attn_weights", true) is not { } average || batchFirst is null || heads is null
            || query.Shape is not { Rank: 2 or 3 } q || c.Tensor(1, "key") is not { Shape: { } k } || k.Rank != q.Rank)
        {
            return c.Result(null);
        }

        if (q.Rank == 2)
        {
            return c.Result(average ? new Shape(q[0], k[0]) : new Shape(heads.Value, q[0], k[0]), -1, null, isSpatial: false);
        }

        var (batch, target, source) = batchFirst.Value ? (q[0], q[1], k[1]) : (q[1], q[0], k[0]);
        var shape = average ? new Shape(batch, target, source) : new Shape(batch, heads.Value, target, source);
        return c.Result(shape, 0, null, isSpatial: false);
    }

    private static PyValue PixelShuffle(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.Result(null);
        }

        if (x.Shape is not { Rank: >= 3 } shape || CtorLong(c, 0, "upscale_factor") is not { } r || r <= 0)
        {
            return c.Result(null, x);
        }

        var channels = shape[^3];
        if (channels.IsKnown && channels.Value % (r * r) != 0)
        {
            return c.Fail($"pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)={channels.Value} is not divisible by {r * r}");
        }

        var outChannels = Dim.DivideExact(channels, r * r);
        if (outChannels is null)
        {
            return c.Result(null, x);
        }

        var output = shape.WithDim(shape.Rank - 3, outChannels.Value).WithDim(shape.Rank - 2, shape[^2] * r).WithDim(shape.Rank - 1, shape[^1] * r);
        return c.Result(output, x.BatchAxis, null, x.IsSpatial);
    }
}
