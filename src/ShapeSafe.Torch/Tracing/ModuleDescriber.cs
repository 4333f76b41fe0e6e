using System.Reflection;
using ShapeSafe.Layers;
using ShapeSafe.Syntax;
using TorchSharp;
using TorchSharp.Modules;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// Reads a TorchSharp module's configuration back into PyTorch constructor terms: sizes from the
/// weights (Linear's [out, in], Conv's [out, in/groups, k...], BatchNorm's running_mean), everything else
/// from the module's properties, which TorchSharp names as PyTorch's constructor arguments.
/// </summary>
internal static class ModuleDescriber
{
    /// <summary>Properties that are state, not configuration.</summary>
    private static readonly HashSet<string> NotConfiguration = new(StringComparer.Ordinal)
    {
        "training", "weight", "bias", "running_mean", "running_var", "num_batches_tracked",
    };

    public static ModuleDescription Describe(torch.nn.Module module, LayerRegistry registry)
    {
        var type = TypeName(module);
        var known = SizesFromWeights(module);
        if (registry.TryGet(type, out var entry))
        {
            return FromSignature(module, type, entry.Signature, known);
        }

        if (!IsTorchSharpType(module.GetType()))
        {
            return new ModuleDescription(type, [], false, []) { Opaque = true };
        }

        return FromProperties(module, type, known);
    }

    /// <summary>The PyTorch class: the TorchSharp class a module is, or derives from; else the module's own class name.</summary>
    public static string TypeName(torch.nn.Module module)
    {
        for (var t = module.GetType(); t is not null; t = t.BaseType)
        {
            if (t.Assembly == typeof(torch.nn.Module).Assembly && !t.IsGenericType && t.Namespace == "TorchSharp.Modules")
            {
                return t.Name;
            }
        }

        return module.GetType().Name;
    }

    private static bool IsTorchSharpType(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.Assembly == typeof(torch.nn.Module).Assembly && t.Namespace == "TorchSharp.Modules" && !t.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The sizes PyTorch infers from an input (in_features, in_channels, num_features, ...), read from the tensors that hold them.</summary>
    private static Dictionary<string, ArgValue> SizesFromWeights(torch.nn.Module module)
    {
        var sizes = new Dictionary<string, ArgValue>(StringComparer.Ordinal);
        switch (module)
        {
            case Linear linear when linear.weight is { } w && w.shape.Length == 2:
                sizes["in_features"] = PyValues.Int(w.shape[1]);
                sizes["out_features"] = PyValues.Int(w.shape[0]);
                sizes["bias"] = PyValues.Bool(linear.bias is not null);
                break;
            case Convolution conv when conv.weight is { } w && w.shape.Length >= 3:
                // Conv: [out, in/groups, k...]; transposed: [in, out/groups, k...].
                var groups = conv.groups;
                sizes["in_channels"] = PyValues.Int(conv.transposed ? w.shape[0] : w.shape[1] * groups);
                sizes["out_channels"] = PyValues.Int(conv.transposed ? w.shape[1] * groups : w.shape[0]);
                sizes["kernel_size"] = PyValues.IntOrTuple(w.shape[2..]);
                sizes["bias"] = PyValues.Bool(conv.bias is not null);
                if (conv.padding_type is { } paddingType)
                {
                    sizes["padding"] = PyValues.Str(paddingType == Padding.Same ? "same" : "valid");
                }

                break;
            case NormBase norm:
                var features = norm.running_mean?.shape[0] ?? norm.weight?.shape[0] ?? norm.num_features;
                sizes["num_features"] = PyValues.Int(features);
                break;
            case GroupNorm group when group.weight is { } w:
                sizes["num_channels"] = PyValues.Int(w.shape[0]);
                break;
            case LayerNorm layerNorm:
                sizes["normalized_shape"] = layerNorm.normalized_shape.Length == 1
                    ? PyValues.Int(layerNorm.normalized_shape[0])
                    : PyValues.Tuple(layerNorm.normalized_shape.Select(PyValues.Int).ToArray());
                if (layerNorm.weight is null)
                {
                    sizes["elementwise_affine"] = PyValues.Bool(false);
                }

                break;
            case Embedding embedding when embedding.weight is { } w && w.shape.Length == 2:
                sizes["num_embeddings"] = PyValues.Int(w.shape[0]);
                sizes["embedding_dim"] = PyValues.Int(w.shape[1]);
                break;
        }

        return sizes;
    }

    private static ModuleDescription FromSignature(torch.nn.Module module, string type, LayerSignature signature, Dictionary<string, ArgValue> known)
    {
        var arguments = new List<Argument>();
        var unread = new List<string>();
        var positional = true;
        foreach (var spec in signature.Parameters)
        {
            if (spec.Type == ParamType.Any)
            {
                positional = false;
                continue;
            }

            var value = known.GetValueOrDefault(spec.Name) ?? ReadProperty(module, spec.Name, spec.Type);
            if (value is { Kind: ArgKind.None } && spec.Default is { Kind: not ArgKind.None })
            {
                // TorchSharp keeps null for an argument left at PyTorch's default (AvgPool2d's padding).
                value = null;
            }

            if (value is null)
            {
                if (spec.Default is null)
                {
                    unread.Add(spec.Name);
                }

                positional = false;
                continue;
            }

            if (spec.Default is null && positional && !spec.KeywordOnly)
            {
                arguments.Add(new Argument(null, SourceSpan.None, value));
                continue;
            }

            positional = false;
            if (spec.Default is not null && SameValue(spec.Default, value))
            {
                continue;
            }

            arguments.Add(new Argument(spec.Name, SourceSpan.None, value));
        }

        return new ModuleDescription(type, arguments, true, unread);
    }

    /// <summary>A module ShapeSafe has no rule for: its readable configuration properties, as keywords.</summary>
    private static ModuleDescription FromProperties(torch.nn.Module module, string type, Dictionary<string, ArgValue> known)
    {
        var arguments = known.Select(k => new Argument(k.Key, SourceSpan.None, k.Value)).ToList();
        foreach (var property in ConfigurationProperties(module.GetType()))
        {
            if (known.ContainsKey(property.Name) || ReadProperty(module, property.Name, ParamType.Any) is not { } value)
            {
                continue;
            }

            arguments.Add(new Argument(property.Name, SourceSpan.None, value));
        }

        return new ModuleDescription(type, arguments, false, []);
    }

    private static IEnumerable<PropertyInfo> ConfigurationProperties(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && !p.PropertyType.IsByRefLike && !NotConfiguration.Contains(p.Name)
            && p.DeclaringType != typeof(torch.nn.Module) && p.DeclaringType?.Namespace == "TorchSharp.Modules")
        .OrderBy(p => p.MetadataToken);

    /// <summary>A property named as the constructor argument, converted to its Python value; null when absent or unreadable.</summary>
    private static ArgValue? ReadProperty(torch.nn.Module module, string name, ParamType type)
    {
        var property = module.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
        if (property is null || property.GetIndexParameters().Length != 0 || property.PropertyType.IsByRefLike || !property.CanRead)
        {
            return null;
        }

        object? raw;
        try
        {
            raw = property.GetValue(module);
        }
        catch (TargetInvocationException)
        {
            return null;
        }

        return Convert(raw, property.PropertyType, type);
    }

    private static ArgValue? Convert(object? raw, Type declared, ParamType type)
    {
        if (typeof(torch.Tensor).IsAssignableFrom(declared))
        {
            // bias=True/False is whether the module holds a bias tensor.
            return type == ParamType.Bool ? PyValues.Bool(raw is not null) : null;
        }

        switch (raw)
        {
            case null:
                return Nullable.GetUnderlyingType(declared) is not null || !declared.IsValueType ? PyValues.None() : null;
            case bool b:
                return PyValues.Bool(b);
            case long or int or short or byte:
                return PyValues.Int(System.Convert.ToInt64(raw, System.Globalization.CultureInfo.InvariantCulture));
            case double or float:
                return PyValues.Float(System.Convert.ToDouble(raw, System.Globalization.CultureInfo.InvariantCulture));
            case string s:
                return PyValues.Str(s);
            case long[] values:
                return type == ParamType.IntTuple || values.Length == 0
                    ? PyValues.Tuple(values.Select(PyValues.Int).ToArray())
                    : PyValues.IntOrTuple(values);
            case double[] values:
                return values.Length > 0 && values.All(v => v == values[0])
                    ? PyValues.Float(values[0])
                    : PyValues.Tuple(values.Select(PyValues.Float).ToArray());
            case PaddingModes mode:
                return PyValues.Str(mode.ToString().ToLowerInvariant());
            case Enum e:
                return PyValues.Str(e.ToString().ToLowerInvariant());
            default:
                return null;
        }
    }

    /// <summary>True when a value read back equals the parameter's default, so the call can leave it out.</summary>
    private static bool SameValue(ArgValue defaultValue, ArgValue value)
    {
        if (defaultValue.Kind == ArgKind.Float || value.Kind == ArgKind.Float)
        {
            return defaultValue.Kind is ArgKind.Float or ArgKind.Int && value.Kind is ArgKind.Float or ArgKind.Int
                && Math.Abs(AsDouble(defaultValue) - AsDouble(value)) <= 1e-12 * Math.Max(1, Math.Abs(AsDouble(value)));
        }

        if (defaultValue.Kind == ArgKind.Int && value.Kind == ArgKind.Tuple)
        {
            return value.Items.All(i => i.Kind == ArgKind.Int && i.Int == defaultValue.Int);
        }

        return defaultValue.ToPython() == value.ToPython();

        static double AsDouble(ArgValue v) => v.Kind == ArgKind.Int ? v.Int : v.Float;
    }
}
