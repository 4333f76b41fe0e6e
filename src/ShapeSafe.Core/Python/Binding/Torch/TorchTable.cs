using ShapeSafe.Python.Binding.Values;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>
/// The calls into torch the binder follows: free functions by canonical name (<c>torch.cat</c>,
/// <c>torch.nn.functional.relu</c>) and Tensor methods by name (<c>view</c>). Each entry is a small binding function that
/// reads the Python arguments with PyTorch's signature, applies the shape rule and records a graph node. The families live
/// in separate files, each a static class with a <c>Register(TorchTable)</c> method listed in <see cref="Default"/>.
/// A Tensor method is called with the tensor as its first positional argument, as <c>torch.sum(x, 1)</c> is for <c>x.sum(1)</c>.
/// </summary>
public sealed class TorchTable
{
    private readonly Dictionary<string, BuiltinFunction> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BuiltinFunction> _methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PyValue> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BuiltinFunction> _modules = new(StringComparer.Ordinal);

    /// <summary>The table with every family registered.</summary>
    public static TorchTable Default { get; } = Build();

    public IReadOnlyDictionary<string, BuiltinFunction> Functions => _functions;

    public IReadOnlyDictionary<string, BuiltinFunction> Methods => _methods;

    public IReadOnlyDictionary<string, PyValue> Constants => _constants;

    /// <summary>nn modules without a layer rule whose call the table models (<c>LSTM</c>, <c>Embedding</c>), by class name.</summary>
    public IReadOnlyDictionary<string, BuiltinFunction> Modules => _modules;

    /// <summary>Adds the forward of an nn module without a layer rule; the call's <see cref="TorchCall.Self"/> is the module.</summary>
    public void Module(BuiltinFunction forward, params string[] classNames)
    {
        foreach (var name in classNames)
        {
            _modules[name] = forward;
        }
    }

    /// <summary>Adds a free function under one or more canonical names (<c>torch.relu</c>, <c>torch.nn.functional.relu</c>).</summary>
    public void Function(BuiltinFunction function, params string[] canonicalNames)
    {
        foreach (var name in canonicalNames)
        {
            _functions[name] = function;
        }
    }

    /// <summary>Adds a Tensor method under one or more names.</summary>
    public void Method(BuiltinFunction function, params string[] names)
    {
        foreach (var name in names)
        {
            _methods[name] = function;
        }
    }

    /// <summary>Adds a constant (<c>math.pi</c>, <c>torch.float32</c>).</summary>
    public void Constant(string canonicalName, PyValue value) => _constants[canonicalName] = value;

    private static TorchTable Build()
    {
        var table = new TorchTable();
        PythonBuiltins.Register(table);
        MathFunctions.Register(table);
        TensorAttributes.Register(table);
        ElementwiseOps.Register(table);
        ShapeOps.Register(table);
        ReductionOps.Register(table);
        JoinSplitOps.Register(table);
        MatrixOps.Register(table);
        FactoryOps.Register(table);
        FunctionalLayers.Register(table);
        ModuleBindings.Register(table);
        return table;
    }
}
