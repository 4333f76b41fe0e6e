using ShapeSafe.Layers;
using ShapeSafe.Ops;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>
/// torch.nn.functional calls that are layers without state: pooling, adaptive pooling, interpolate, conv with a weight
/// tensor, conv_transpose with a weight tensor, layer/group/batch norm, embedding with a weight tensor. Each maps to the layer rule of the same name with the same arguments (read by
/// <c>F</c>'s own positional order), so the checks and messages are the layers'; plus <c>F.pad</c>.
/// </summary>
public static class FunctionalLayers
{
    private static readonly string[] MaxPoolOrder = ["kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices"];
    private static readonly string[] AvgPoolOrder = ["kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"];
    private static readonly string[] AdaptiveOrder = ["output_size", "return_indices"];
    private static readonly string[] InterpolateOrder = ["size", "scale_factor", "mode", "align_corners", "recompute_scale_factor", "antialias"];

    public static void Register(TorchTable t)
    {
        foreach (var d in new[] { "1d", "2d", "3d" })
        {
            var rank = d[0] - '0';
            t.Function(c => AsLayer(c, "MaxPool" + d, MaxPoolOrder, rank), "torch.nn.functional.max_pool" + d, "torch.max_pool" + d);
            t.Function(c => AsLayer(c, "AvgPool" + d, AvgPoolOrder, rank), "torch.nn.functional.avg_pool" + d, "torch.avg_pool" + d);
            t.Function(c => AsLayer(c, "AdaptiveAvgPool" + d, AdaptiveOrder, rank), "torch.nn.functional.adaptive_avg_pool" + d, "torch.adaptive_avg_pool" + d);
            t.Function(c => AsLayer(c, "AdaptiveMaxPool" + d, AdaptiveOrder, rank), "torch.nn.functional.adaptive_max_pool" + d, "torch.adaptive_max_pool" + d);
            t.Function(c => Conv(c, rank), "torch.nn.functional.conv" + d, "torch.conv" + d);
            t.Function(c => ConvTranspose(c, rank), "torch.nn.functional.conv_transpose" + d, "torch.conv_transpose" + d);
        }

        t.Function(Embedding, "torch.nn.functional.embedding");

        t.Function(c => AsLayer(c, "Upsample", InterpolateOrder, 0), "torch.nn.functional.interpolate", "torch.nn.functional.upsample");
        t.Function(Pad, "torch.nn.functional.pad");
        t.Function(LayerNorm, "torch.nn.functional.layer_norm", "torch.layer_norm");
        t.Function(GroupNorm, "torch.nn.functional.group_norm", "torch.group_norm");
        t.Function(c => BatchNorm(c, meanPosition: 1), "torch.nn.functional.batch_norm");

        // torch.batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps, cudnn_enabled).
        t.Function(c => BatchNorm(c, meanPosition: 3), "torch.batch_norm");
    }

    /// <summary>Runs the layer rule <paramref name="type"/> with the functional call's arguments named by <paramref name="order"/>.</summary>
    private static PyValue AsLayer(TorchCall c, string type, string[] order, int spatialRank, IReadOnlyList<Argument>? extra = null)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (!LayerRegistry.Default.TryGet(type, out var entry) || x.Shape is null)
        {
            return c.Result(null, x);
        }

        var arguments = new List<Argument>(extra ?? []);
        for (var i = 1; i < c.Args.Positional.Length; i++)
        {
            if (i - 1 >= order.Length)
            {
                return c.Result(null, x);
            }

            if (!Add(c, entry, arguments, order[i - 1], c.Args.Positional[i], c.Args.PositionalExprs[i]))
            {
                return c.Result(null, x);
            }
        }

        for (var i = 0; i < c.Args.Names.Length; i++)
        {
            if (c.Args.Names[i] != "input" && !Add(c, entry, arguments, c.Args.Names[i], c.Args.NamedValues[i], c.Args.NamedExprs[i]))
            {
                return c.Result(null, x);
            }
        }

        return Apply(c, entry, arguments, x, spatialRank);
    }

    private static bool Add(TorchCall c, LayerRegistry.Entry entry, List<Argument> arguments, string name, PyValue value, Expr? e)
    {
        if (entry.Signature.Find(name) is not { } spec)
        {
            // F's extra arguments the layer has not (antialias, inplace): PyTorch accepts them; they do not change shapes.
            return true;
        }

        if (c.Interpreter.KeywordArgument(name, value, e, spec.Type) is not { } argument)
        {
            return false;
        }

        arguments.Add(argument);
        return true;
    }

    private static PyValue Apply(TorchCall c, LayerRegistry.Entry entry, List<Argument> arguments, PyTensor x, int spatialRank)
    {
        var name = c.OpName;
        var call = new LayerCall(entry.Type, name, arguments, c.Span.Line, c.Span, c.Span, c.Interpreter.LineTextOf(c.Expression));
        var diagnostics = new List<ShapeSafe.Diagnostics.Diagnostic>();
        var bound = ArgumentBinder.Bind(call, entry.Type, entry.Signature, diagnostics, hasLazyVariant: false);
        foreach (var d in diagnostics)
        {
            c.Interpreter.Report(d with { Span = d.Span.IsNone ? c.Span : d.Span });
        }

        if (bound is null)
        {
            return c.Result(null, x);
        }

        var shape = x.Shape!;
        var context = new LayerContext(call, entry.Type, bound, x.Origin?.ToString() ?? "the input", x.FlattenedFrom) { BatchAxis = x.BatchAxis };
        LayerOutcome outcome;
        try
        {
            outcome = entry.Rule.Infer(context, shape);
        }
        catch (OverflowException)
        {
            return c.Result(null, x);
        }

        foreach (var warning in outcome.Warnings)
        {
            c.Interpreter.Report(warning);
        }

        Shape? output;
        if (outcome.Failure is { } failure)
        {
            c.Interpreter.Report(failure with { Span = c.Span });
            output = outcome.RecoveredOutput;
        }
        else
        {
            output = outcome.Output;
        }

        if (output is null)
        {
            return c.Result(null, x);
        }

        var spatial = spatialRank > 0 && output.Rank > 2;
        var batch = x.BatchAxis == 0 ? 0 : -1;
        var tensor = c.Result(output, batch, null, spatial);
        // torch.adaptive_max_pool1d (not F.) always returns (values, indices) in PyTorch 1.13.
        var pair = bound["return_indices"] is { Kind: ArgKind.Bool, Bool: true } || c.Name == "torch.adaptive_max_pool1d";
        return pair ? new PyTuple([tensor, c.Result(output, batch, null, spatial)]) : tensor;
    }

    private static PyValue Conv(TorchCall c, int rank)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (c.Tensor(1, "weight") is not { Shape: { } weight } || x.Shape is null || weight.Rank != rank + 2 || !weight.IsFullyKnown
            || c.Long(6, "groups", 1) is not { } groups || groups <= 0)
        {
            return c.Result(null, x);
        }

        if (!LayerRegistry.Default.TryGet("Conv" + rank + "d", out var entry))
        {
            return c.Result(null, x);
        }

        return WeightLayer(c, entry, x, weight, rank, weight[1].Value * groups, weight[0].Value, ["stride", "padding", "dilation", "groups"]);
    }

    /// <summary>F.conv_transpose1d/2d/3d(input, weight, bias, stride, padding, output_padding, groups, dilation) as the ConvTranspose layer rule.</summary>
    private static PyValue ConvTranspose(TorchCall c, int rank)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (c.Tensor(1, "weight") is not { Shape: { } weight } || x.Shape is null || weight.Rank != rank + 2 || !weight.IsFullyKnown
            || c.Long(6, "groups", 1) is not { } groups || groups <= 0 || !LayerRegistry.Default.TryGet("ConvTranspose" + rank + "d", out var entry))
        {
            return c.Result(null, x);
        }

        return WeightLayer(c, entry, x, weight, rank, weight[0].Value, weight[1].Value * groups, ["stride", "padding", "output_padding", "groups", "dilation"]);
    }

    /// <summary>
    /// A functional convolution as its layer rule: in/out channels and kernel size from the weight tensor, bias from the
    /// bias argument, then the optional arguments in <paramref name="order"/> (positional from the fourth, or by keyword).
    /// </summary>
    private static PyValue WeightLayer(TorchCall c, LayerRegistry.Entry entry, PyTensor x, Shape weight, int rank, long inChannels, long outChannels, string[] order)
    {
        var span = SourceSpan.None;
        var kernel = new ArgValue[rank];
        for (var i = 0; i < rank; i++)
        {
            kernel[i] = Int(weight[2 + i].Value);
        }

        var hasBias = c.Tensor(2, "bias") is not null;
        var arguments = new List<Argument>
        {
            new("in_channels", span, Int(inChannels)),
            new("out_channels", span, Int(outChannels)),
            new("kernel_size", span, ArgValue.OfTuple(kernel, span, "(" + string.Join(", ", kernel.Select(k => k.Text)) + (rank == 1 ? ",)" : ")"))),
            new("bias", span, ArgValue.OfBool(hasBias, span, hasBias ? "True" : "False")),
        };
        for (var i = 3; i < c.Args.Positional.Length && i - 3 < order.Length; i++)
        {
            if (!Add(c, entry, arguments, order[i - 3], c.Args.Positional[i], c.Args.PositionalExprs[i]))
            {
                return c.Result(null, x);
            }
        }

        for (var i = 0; i < c.Args.Names.Length; i++)
        {
            if (Array.IndexOf(order, c.Args.Names[i]) >= 0 && !Add(c, entry, arguments, c.Args.Names[i], c.Args.NamedValues[i], c.Args.NamedExprs[i]))
            {
                return c.Result(null, x);
            }
        }

        return Apply(c, entry, arguments, x, rank);

        static ArgValue Int(long value) => ArgValue.OfInt(value, SourceSpan.None, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>F.embedding(input, weight): the ids' shape plus the weight's row size.</summary>
    private static PyValue Embedding(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape || c.Tensor(1, "weight") is not { Shape: { Rank: 2 } weight })
        {
            return c.Result(null, x);
        }

        return c.Result(shape.Concat([weight[1]]), x.BatchAxis, null, isSpatial: false);
    }

    private static PyValue Pad(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape || (c.Arg(1, "pad") is { } p ? TorchCall.DimsOf(p) : null) is not { } pad || Array.Exists(pad, d => !d.IsKnown))
        {
            return c.Result(null, x);
        }

        var result = Padding.Pad(shape, Array.ConvertAll(pad, d => d.Value));
        return result.Output is { } output ? c.Result(output, x.BatchAxis == 0 ? 0 : -1, null, x.IsSpatial) : c.From(result);
    }

    private static PyValue LayerNorm(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x || x.Shape is null)
        {
            return c.Result(null);
        }

        if (!LayerRegistry.Default.TryGet("LayerNorm", out var entry) || c.Arg(1, "normalized_shape") is not { } normalized
            || c.Interpreter.KeywordArgument("normalized_shape", normalized, c.Args.ExprOf(1, "normalized_shape"), ParamType.IntOrTuple) is not { } argument)
        {
            return c.Result(x.Shape, x);
        }

        return Apply(c, entry, [argument], x, 0);
    }

    private static PyValue GroupNorm(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x || x.Shape is not { Rank: >= 2 } shape || !shape[1].IsKnown)
        {
            return c.Result(c.Tensor(0, "input")?.Shape);
        }

        if (!LayerRegistry.Default.TryGet("GroupNorm", out var entry) || c.Arg(1, "num_groups") is not { } groups
            || c.Interpreter.KeywordArgument("num_groups", groups, c.Args.ExprOf(1, "num_groups"), ParamType.Int) is not { } argument)
        {
            return c.Result(shape, x);
        }

        var channels = ArgValue.OfInt(shape[1].Value, SourceSpan.None, shape[1].Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Apply(c, entry, [argument, new Argument("num_channels", SourceSpan.None, channels)], x, 0);
    }

    private static PyValue BatchNorm(TorchCall c, int meanPosition)
    {
        if (c.Tensor(0, "input") is not { } x || x.Shape is not { } shape)
        {
            return c.Result(null);
        }

        if (c.Tensor(meanPosition, "running_mean") is { Shape: { Rank: 1 } mean } && shape.Rank >= 2 && OpDims.Equal(mean[0], shape[1]) == false)
        {
            return c.Fail($"running_mean should contain {shape[1]} elements not {mean[0]}", shape);
        }

        return c.Result(shape, x);
    }
}
