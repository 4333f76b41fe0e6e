using ShapeSafe.Dataflow;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>
/// Attributes of a constructed layer as PyTorch stores them: constructor arguments (<c>fc.in_features</c>,
/// <c>conv.out_channels</c>; a conv's <c>kernel_size</c> as a tuple) and the weight and bias tensors' shapes.
/// </summary>
public static class LayerAttributes
{
    public static PyValue? Get(Interpreter interpreter, PyLayer layer, string name, SourceSpan span)
    {
        if (layer.Args is not { } args)
        {
            return null;
        }

        var type = layer.Entry.RuleType;
        var isConv = type.StartsWith("Conv", StringComparison.Ordinal);
        var rank = type.EndsWith("1d", StringComparison.Ordinal) ? 1 : type.EndsWith("2d", StringComparison.Ordinal) ? 2 : type.EndsWith("3d", StringComparison.Ordinal) ? 3 : 0;
        if (name is "weight" or "bias")
        {
            return WeightShape(args, type, isConv, name == "bias") is { } shape
                ? interpreter.MakeTensor(NodeKind.GetAttr, Interpreter.NameOf(layer) + "." + name, span, shape, null, [], string.Empty)
                : null;
        }

        if (args[name] is not { } value)
        {
            return null;
        }

        if (isConv && rank > 0 && name is "kernel_size" or "stride" or "padding" or "dilation" or "output_padding" && value.Kind == ArgKind.Int)
        {
            var items = new PyValue[rank];
            Array.Fill(items, PyInt.Of(value.Int));
            return new PyTuple(items);
        }

        return ToValue(value);
    }

    private static PyValue ToValue(ArgValue v) => v.Kind switch
    {
        ArgKind.Int => PyInt.Of(v.Int),
        ArgKind.Float => new PyFloat(v.Float),
        ArgKind.Bool => PyBool.Of(v.Bool),
        ArgKind.String => new PyStr(v.Str),
        ArgKind.Tuple => new PyTuple([.. v.Items.Select(ToValue)]),
        _ => PyNone.Instance,
    };

    private static Shape? WeightShape(ShapeSafe.Layers.BoundArgs args, string type, bool isConv, bool bias)
    {
        long? Int(string n) => args[n] is { Kind: ArgKind.Int } v ? v.Int : null;
        if (type == "Linear" && Int("out_features") is { } outFeatures)
        {
            return bias ? new Shape(outFeatures) : Int("in_features") is { } inFeatures ? new Shape(outFeatures, inFeatures) : null;
        }

        if (isConv && Int("out_channels") is { } outChannels && Int("in_channels") is { } inChannels && args["kernel_size"] is { } kernel)
        {
            var groups = Int("groups") ?? 1;
            if (bias)
            {
                return new Shape(outChannels);
            }

            var dims = new List<Dim>();
            var transposed = type.StartsWith("ConvTranspose", StringComparison.Ordinal);
            dims.Add(transposed ? inChannels : outChannels);
            dims.Add(transposed ? outChannels / groups : inChannels / groups);
            var rank = type.EndsWith("1d", StringComparison.Ordinal) ? 1 : type.EndsWith("2d", StringComparison.Ordinal) ? 2 : 3;
            for (var i = 0; i < rank; i++)
            {
                dims.Add(kernel.Kind == ArgKind.Int ? kernel.Int : kernel.Items.Count == rank ? kernel.Items[i].Int : 1);
            }

            return new Shape(dims);
        }

        if (type.StartsWith("BatchNorm", StringComparison.Ordinal) && Int("num_features") is { } features)
        {
            return new Shape(features);
        }

        return null;
    }
}
