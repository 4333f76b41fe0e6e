using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Layers;

/// <summary>
/// nn.MultiheadAttention built from its parameters as PyTorch registers them (<c>in_proj_weight</c>, <c>in_proj_bias</c>,
/// <c>out_proj.weight</c>, <c>out_proj.bias</c>) and run as <c>F.multi_head_attention_forward</c> computes it, with
/// <c>key_padding_mask</c> and <c>attn_mask</c> as PyTorch 2 takes them (a bool mask is -inf where True, a float mask is
/// added to the scores). Shapes are checked before any matrix product, so a wrong input is an error, never a libtorch abort.
/// </summary>
internal sealed class AttentionModule : nn.Module
{
    private readonly long _embed;
    private readonly long _heads;
    private readonly double _dropout;
    private readonly bool _batchFirst;

    /// <summary>The parameters, held in a tuple so that TorchSharp's field reflection does not register them a second time under field names.</summary>
    private readonly (TorchSharp.Modules.Parameter InWeight, TorchSharp.Modules.Parameter? InBias, TorchSharp.Modules.Linear OutProj) _p;

    public AttentionModule(long embed, long heads, double dropout, bool bias, bool batchFirst)
        : base("MultiheadAttention")
    {
        _embed = embed;
        _heads = heads;
        _dropout = dropout;
        _batchFirst = batchFirst;
        var inWeight = new TorchSharp.Modules.Parameter(empty(3 * embed, embed));
        nn.init.xavier_uniform_(inWeight);
        register_parameter("in_proj_weight", inWeight);
        var inBias = bias ? new TorchSharp.Modules.Parameter(zeros(3 * embed)) : null;
        if (inBias is not null)
        {
            register_parameter("in_proj_bias", inBias);
        }

        var outProj = nn.Linear(embed, embed, bias);
        if (bias)
        {
            using var noGrad = no_grad();
            outProj.bias!.zero_();
        }

        register_module("out_proj", outProj);
        _p = (inWeight, inBias, outProj);
    }

    /// <summary>The module's own settings, from PyTorch's constructor arguments.</summary>
    public static AttentionModule Create(LayerSettings s)
    {
        var embed = s.Long("embed_dim");
        var heads = s.Long("num_heads");
        if (embed <= 0 || heads <= 0 || embed % heads != 0)
        {
            throw new GraphBuildException($"{s.Label}: embed_dim must be divisible by num_heads (embed_dim {embed}, num_heads {heads})");
        }

        if (s.Bool("add_bias_kv", false) || s.Bool("add_zero_attn", false))
        {
            throw s.Unsupported("add_bias_kv or add_zero_attn");
        }

        if ((s.OptionalLong("kdim") ?? embed) != embed || (s.OptionalLong("vdim") ?? embed) != embed)
        {
            throw s.Unsupported("a kdim or vdim other than embed_dim");
        }

        return new AttentionModule(embed, heads, s.Double("dropout", 0.0), s.Bool("bias", true), s.Bool("batch_first", false));
    }

    /// <summary>A call as the graph records it: <c>(query, key, value, key_padding_mask=None, need_weights=True, attn_mask=None, average_attn_weights=True)</c>.</summary>
    public object? Invoke(OpCall call)
    {
        if (call.Bool(7, "is_causal", false))
        {
            throw call.Fail("the runtime runs MultiheadAttention with is_causal=False only (pass the causal mask as attn_mask)");
        }

        var padding = call.Get(3, "key_padding_mask") is { } p ? call.AsTensor(p, "key_padding_mask") : null;
        var mask = call.Get(5, "attn_mask") is { } m ? call.AsTensor(m, "attn_mask") : null;
        var (output, weights) = Attend(call.Tensor(0, "query"), call.Tensor(1, "key"), call.Tensor(2, "value"), call.Bool(4, "need_weights", true), call.Bool(6, "average_attn_weights", true), call.Fail, padding, mask);
        return new List<object?> { output, weights };
    }

    /// <summary>Attention of <paramref name="query"/> over <paramref name="key"/>/<paramref name="value"/>; the weights are null unless asked for.</summary>
    public (Tensor Output, Tensor? Weights) Attend(Tensor query, Tensor key, Tensor value, bool needWeights, bool average, Func<string, Exception> fail,
        Tensor? keyPaddingMask = null, Tensor? attnMask = null)
    {
        if (query.dim() != key.dim() || key.dim() != value.dim() || query.dim() is not (2 or 3))
        {
            throw fail($"query, key and value must all be 2-D (unbatched) or 3-D, got {query.dim()}-D, {key.dim()}-D and {value.dim()}-D");
        }

        var unbatched = query.dim() == 2;
        if (unbatched)
        {
            query = query.unsqueeze(1);
            key = key.unsqueeze(1);
            value = value.unsqueeze(1);
        }
        else if (_batchFirst)
        {
            query = query.transpose(0, 1);
            key = key.transpose(0, 1);
            value = value.transpose(0, 1);
        }

        var (target, batch, embed) = (query.shape[0], query.shape[1], query.shape[2]);
        if (embed != _embed || key.shape[2] != _embed || value.shape[2] != _embed)
        {
            throw fail($"was expecting embedding dimension of {_embed}, but got {embed}");
        }

        if (key.shape[1] != batch || value.shape[1] != batch || key.shape[0] != value.shape[0])
        {
            throw fail($"key shape [{string.Join(", ", key.shape)}] does not match value shape [{string.Join(", ", value.shape)}] or the query's batch {batch}");
        }

        var source = key.shape[0];
        var headDim = _embed / _heads;
        var w = _p.InWeight.chunk(3);
        var b = _p.InBias?.chunk(3);
        var q = nn.functional.linear(query, w[0], b?[0]);
        var k = nn.functional.linear(key, w[1], b?[1]);
        var v = nn.functional.linear(value, w[2], b?[2]);
        q = q.contiguous().view(target, batch * _heads, headDim).transpose(0, 1);
        k = k.contiguous().view(source, batch * _heads, headDim).transpose(0, 1);
        v = v.contiguous().view(source, batch * _heads, headDim).transpose(0, 1);
        q = q / Math.Sqrt(headDim);
        var scores = bmm(q, k.transpose(-2, -1));
        if (attnMask is not null)
        {
            var fits = attnMask.dim() == 2 ? attnMask.shape[0] == target && attnMask.shape[1] == source
                : attnMask.dim() == 3 && attnMask.shape[0] == batch * _heads && attnMask.shape[1] == target && attnMask.shape[2] == source;
            if (!fits)
            {
                throw fail($"attn_mask {OpCall.Describe(attnMask)} is neither [{target}, {source}] nor [{batch * _heads}, {target}, {source}]");
            }

            scores = scores + Additive(attnMask, scores);
        }

        if (keyPaddingMask is not null)
        {
            var padding = unbatched && keyPaddingMask.dim() == 1 ? keyPaddingMask.unsqueeze(0) : keyPaddingMask;
            if (padding.dim() != 2 || padding.shape[0] != batch || padding.shape[1] != source)
            {
                throw fail($"key_padding_mask {OpCall.Describe(keyPaddingMask)} is not [{batch}, {source}]");
            }

            padding = padding.view(batch, 1, 1, source).expand(batch, _heads, 1, source).reshape(batch * _heads, 1, source);
            scores = scores + Additive(padding, scores);
        }

        var attention = nn.functional.softmax(scores, -1);
        if (training && _dropout > 0)
        {
            attention = nn.functional.dropout(attention, _dropout, true);
        }

        var output = bmm(attention, v).transpose(0, 1).contiguous().view(target * batch, _embed);
        output = _p.OutProj.forward(output).view(target, batch, _embed);
        Tensor? weights = null;
        if (needWeights)
        {
            weights = attention.view(batch, _heads, target, source);
            if (average)
            {
                weights = weights.mean([1]);
            }

            if (unbatched)
            {
                weights = weights.squeeze(0);
            }
        }

        output = unbatched ? output.squeeze(1) : _batchFirst ? output.transpose(0, 1) : output;
        return (output, weights);
    }

    /// <summary>A mask as a term added to the scores: -inf where a bool mask is True, a float mask as it is.</summary>
    private static Tensor Additive(Tensor mask, Tensor scores) =>
        mask.dtype == ScalarType.Bool ? zeros(mask.shape, scores.dtype, scores.device).masked_fill(mask, double.NegativeInfinity) : mask.to(scores.dtype);
}
