using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// Functional layers given their weights as tensors (<c>F.linear(x, self.w)</c>, <c>F.conv2d(x, w, b, stride, padding)</c>,
/// <c>F.conv_transpose2d</c>, <c>F.batch_norm</c>, <c>F.layer_norm</c>, <c>F.group_norm</c>, <c>F.embedding</c>), and their
/// <c>torch.*</c> forms (<c>torch.conv2d</c>, <c>torch.layer_norm</c>, <c>torch.group_norm</c>, and <c>torch.batch_norm</c>
/// with its own argument order: weight and bias before the running statistics). Shapes are checked before
/// libtorch sees them: <c>linear</c> reaches matmul, which aborts the process on a mismatch.
/// </summary>
internal static class WeightOps
{
    private const string Fn = "torch.nn.functional.";

    public static IEnumerable<OpEntry> All =>
    [
        OpEntry.Function(Fn + "linear", Linear),
        OpEntry.Function(Fn + "conv1d", c => Conv(c, 1)),
        OpEntry.Function(Fn + "conv2d", c => Conv(c, 2)),
        OpEntry.Function(Fn + "conv3d", c => Conv(c, 3)),
        OpEntry.Function(Fn + "conv_transpose1d", c => ConvTranspose(c, 1)),
        OpEntry.Function(Fn + "conv_transpose2d", c => ConvTranspose(c, 2)),
        OpEntry.Function(Fn + "conv_transpose3d", c => ConvTranspose(c, 3)),
        OpEntry.Function(Fn + "batch_norm", BatchNorm),
        OpEntry.Function(Fn + "layer_norm", LayerNorm),
        OpEntry.Function(Fn + "embedding", Embedding),
        OpEntry.Function("torch.conv1d", c => Conv(c, 1)),
        OpEntry.Function("torch.conv2d", c => Conv(c, 2)),
        OpEntry.Function("torch.conv3d", c => Conv(c, 3)),
        OpEntry.Function("torch.conv_transpose1d", c => ConvTranspose(c, 1)),
        OpEntry.Function("torch.conv_transpose2d", c => ConvTranspose(c, 2)),
        OpEntry.Function("torch.conv_transpose3d", c => ConvTranspose(c, 3)),
        OpEntry.Function("torch.layer_norm", LayerNorm),
        OpEntry.Function("torch.batch_norm", TorchBatchNorm),
        OpEntry.Function(Fn + "group_norm", GroupNorm),
        OpEntry.Function("torch.group_norm", GroupNorm),
    ];

    /// <summary>torch.batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps, cudnn_enabled).</summary>
    private static Tensor TorchBatchNorm(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var w = c.Get(1, "weight") is { } weight ? c.AsTensor(weight, "weight") : null;
        var b = c.Get(2, "bias") is { } bias ? c.AsTensor(bias, "bias") : null;
        var mean = c.Get(3, "running_mean") is { } m ? c.AsTensor(m, "running_mean") : null;
        var variance = c.Get(4, "running_var") is { } v ? c.AsTensor(v, "running_var") : null;
        var training = c.Bool(5, "training", false);
        if (x.dim() < 2 || new[] { mean, variance, w, b }.Any(t => t is not null && (t.dim() != 1 || t.shape[0] != x.shape[1])))
        {
            throw c.Fail($"batch_norm of {OpCall.Describe(x)}: running statistics, weight and bias must each hold one value per channel ({(x.dim() < 2 ? "none" : x.shape[1])})");
        }

        if (!training && (mean is null || variance is null))
        {
            throw c.Fail("batch_norm in eval mode (training=False) needs running_mean and running_var");
        }

        return F.batch_norm(x, mean, variance, w, b, training, c.Double(6, "momentum", 0.1), c.Double(7, "eps", 1e-5));
    }

    /// <summary>group_norm(input, num_groups, weight=None, bias=None, eps=1e-5): the channels split into num_groups groups.</summary>
    private static Tensor GroupNorm(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var groups = c.Long(1, "num_groups");
        var w = c.Get(2, "weight") is { } weight ? c.AsTensor(weight, "weight") : null;
        var b = c.Get(3, "bias") is { } bias ? c.AsTensor(bias, "bias") : null;
        if (x.dim() < 2 || groups <= 0 || x.shape[1] % groups != 0)
        {
            throw c.Fail($"group_norm of {OpCall.Describe(x)} with num_groups={groups}: the channels must divide into the groups");
        }

        if (new[] { w, b }.Any(t => t is not null && (t.dim() != 1 || t.shape[0] != x.shape[1])))
        {
            throw c.Fail($"group_norm of {OpCall.Describe(x)}: weight and bias must each hold one value per channel ({x.shape[1]})");
        }

        return F.group_norm(x, groups, w, b, c.Double(4, "eps", 1e-5));
    }

    private static Tensor Linear(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var w = c.Tensor(1, "weight");
        var b = c.Get(2, "bias") is { } bias ? c.AsTensor(bias, "bias") : null;
        if (x.dim() == 0 || w.dim() is not (1 or 2) || x.shape[^1] != w.shape[^1])
        {
            throw c.Fail($"linear of {OpCall.Describe(x)} with weight {OpCall.Describe(w)}: the input's last size must equal the weight's last size");
        }

        if (b is not null && w.dim() == 2 && (b.dim() != 1 || b.shape[0] != w.shape[0]))
        {
            throw c.Fail($"linear's bias {OpCall.Describe(b)} does not match weight {OpCall.Describe(w)}");
        }

        return F.linear(x, w, b);
    }

    private static Tensor Conv(OpCall c, int n)
    {
        var x = c.Tensor(0, "input");
        var w = c.Tensor(1, "weight");
        var b = c.Get(2, "bias") is { } bias ? c.AsTensor(bias, "bias") : null;
        var stride = Sizes(c, 3, "stride", n, 1);
        var dilation = Sizes(c, 5, "dilation", n, 1);
        var groups = c.Long(6, "groups", 1);
        if (x.dim() != n + 2 || w.dim() != n + 2 || groups <= 0 || x.shape[1] != w.shape[1] * groups)
        {
            throw c.Fail($"conv{n}d of {OpCall.Describe(x)} with weight {OpCall.Describe(w)} and groups={groups}: the input's channels must equal the weight's second size times groups");
        }

        long[] padding;
        if (c.Get(4, "padding") is string mode)
        {
            // padding='valid' is no padding; 'same' pads d*(k-1) per dimension, the odd one at the end (as PyTorch).
            padding = new long[n];
            if (mode == "same")
            {
                var pads = new long[2 * n];
                for (var i = 0; i < n; i++)
                {
                    var total = dilation[i] * (w.shape[2 + i] - 1);
                    pads[2 * (n - 1 - i)] = total / 2;
                    pads[(2 * (n - 1 - i)) + 1] = total - (total / 2);
                }

                x = F.pad(x, pads);
            }
            else if (mode != "valid")
            {
                throw c.Fail($"padding='{mode}' is not 'same' or 'valid'");
            }
        }
        else
        {
            padding = Sizes(c, 4, "padding", n, 0);
        }

        return n switch
        {
            1 => F.conv1d(x, w, b, stride[0], padding[0], dilation[0], groups),
            2 => F.conv2d(x, w, b, stride, padding, dilation, groups),
            _ => F.conv3d(x, w, b, stride, padding, dilation, groups),
        };
    }

    private static Tensor ConvTranspose(OpCall c, int n)
    {
        var x = c.Tensor(0, "input");
        var w = c.Tensor(1, "weight");
        var b = c.Get(2, "bias") is { } bias ? c.AsTensor(bias, "bias") : null;
        var stride = Sizes(c, 3, "stride", n, 1);
        var padding = Sizes(c, 4, "padding", n, 0);
        var outputPadding = Sizes(c, 5, "output_padding", n, 0);
        var groups = c.Long(6, "groups", 1);
        var dilation = Sizes(c, 7, "dilation", n, 1);
        if (x.dim() != n + 2 || w.dim() != n + 2 || x.shape[1] != w.shape[0])
        {
            throw c.Fail($"conv_transpose{n}d of {OpCall.Describe(x)} with weight {OpCall.Describe(w)}: the input's channels must equal the weight's first size");
        }

        return n switch
        {
            1 => F.conv_transpose1d(x, w, b, stride[0], padding[0], outputPadding[0], dilation[0], groups),
            2 => F.conv_transpose2d(x, w, b, stride, padding, outputPadding, dilation, groups),
            _ => F.conv_transpose3d(x, w, b, stride, padding, outputPadding, dilation, groups),
        };
    }

    private static Tensor BatchNorm(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var mean = c.Get(1, "running_mean") is { } m ? c.AsTensor(m, "running_mean") : null;
        var variance = c.Get(2, "running_var") is { } v ? c.AsTensor(v, "running_var") : null;
        var w = c.Get(3, "weight") is { } weight ? c.AsTensor(weight, "weight") : null;
        var b = c.Get(4, "bias") is { } bias ? c.AsTensor(bias, "bias") : null;
        var training = c.Bool(5, "training", false);
        if (x.dim() < 2 || new[] { mean, variance, w, b }.Any(t => t is not null && (t.dim() != 1 || t.shape[0] != x.shape[1])))
        {
            throw c.Fail($"batch_norm of {OpCall.Describe(x)}: running statistics, weight and bias must each hold one value per channel ({(x.dim() < 2 ? "none" : x.shape[1])})");
        }

        return F.batch_norm(x, mean, variance, w, b, training, c.Double(6, "momentum", 0.1), c.Double(7, "eps", 1e-5));
    }

    private static Tensor LayerNorm(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var shape = c.Longs(1, "normalized_shape", varargs: false);
        var w = c.Get(2, "weight") is { } weight ? c.AsTensor(weight, "weight") : null;
        var b = c.Get(3, "bias") is { } bias ? c.AsTensor(bias, "bias") : null;
        if (x.dim() < shape.Length || !x.shape[^shape.Length..].SequenceEqual(shape))
        {
            throw c.Fail($"layer_norm of {OpCall.Describe(x)} over normalized_shape [{string.Join(", ", shape)}]: the input must end with that shape");
        }

        return F.layer_norm(x, shape, w, b, c.Double(4, "eps", 1e-5));
    }

    private static Tensor Embedding(OpCall c)
    {
        var ids = c.Tensor(0, "input");
        var w = c.Tensor(1, "weight");
        if (w.dim() != 2 || ids.is_floating_point())
        {
            throw c.Fail($"embedding of {OpCall.Describe(ids)} in weight {OpCall.Describe(w)}: the input must be integer ids and the weight 2-D");
        }

        if (c.Get(3, "max_norm") is not null)
        {
            throw c.Fail("embedding with max_norm is not run (it renormalizes the weight in place)");
        }

        // padding_idx only changes gradients: the lookup is the weight's rows.
        return w.index_select(0, ids.reshape(-1)).reshape([.. ids.shape, w.shape[1]]);
    }

    private static long[] Sizes(OpCall c, int index, string name, int n, long fallback)
    {
        if (c.Get(index, name) is not { } value)
        {
            return [.. Enumerable.Repeat(fallback, n)];
        }

        if (value is string)
        {
            throw c.Fail($"{name} given as a string is not run");
        }

        var sizes = c.AsLongs(value, name);
        return sizes.Length == 1 ? [.. Enumerable.Repeat(sizes[0], n)] : sizes;
    }
}
