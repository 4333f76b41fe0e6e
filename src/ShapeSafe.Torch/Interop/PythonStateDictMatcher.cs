using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.Interop;

namespace ShapeSafe.Torch.Interop;

/// <summary>
/// <see cref="StateDictMatcher"/> for a Python model: every key and shape of a weights file against the GraphModule's
/// state_dict (PyTorch's qualified names), before anything is loaded; each missing key (SS0230), unexpected key (SS0231)
/// and shape mismatch (SS0232) names the module found by its qualified name and the line of its constructor.
/// </summary>
public static class PythonStateDictMatcher
{
    public static IReadOnlyList<Diagnostic> Match(ModuleInfo root, IReadOnlyList<ExpectedTensor> expected, IReadOnlyList<WeightsEntry> found, string weightsName)
    {
        var modules = new Dictionary<string, ModuleInfo>(StringComparer.Ordinal);
        Index(root, string.Empty, modules, new HashSet<ModuleInfo>(ReferenceEqualityComparer.Instance));
        var diagnostics = new List<Diagnostic>();
        var inFile = new Dictionary<string, WeightsEntry>(StringComparer.Ordinal);
        foreach (var entry in found)
        {
            inFile.TryAdd(entry.Key, entry);
        }

        foreach (var tensor in expected)
        {
            var (moduleName, tensorName) = Split(tensor.Key);
            var module = modules.GetValueOrDefault(moduleName);
            if (!inFile.TryGetValue(tensor.Key, out var entry))
            {
                diagnostics.Add(At(DiagnosticCatalog.WeightsMissingKey, module, moduleName,
                    tensor.Key, weightsName, Label(moduleName), LineOf(module), TensorDTypes.FormatShape(tensor.Shape)));
            }
            else if (!entry.Shape.SequenceEqual(tensor.Shape))
            {
                diagnostics.Add(At(DiagnosticCatalog.WeightsSizeMismatch, module, moduleName,
                    tensor.Key, TensorDTypes.FormatShape(entry.Shape), TensorDTypes.FormatShape(tensor.Shape), Label(moduleName), LineOf(module),
                    new MessagePart(DiagnosticCatalog.BuildFor, [tensorName, TensorDTypes.FormatShape(entry.Shape)])));
            }
        }

        var inModel = expected.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in found.Where(e => !inModel.Contains(e.Key)))
        {
            var (moduleName, tensorName) = Split(entry.Key);
            var module = modules.GetValueOrDefault(moduleName);
            var why = module is null
                ? new MessagePart(DiagnosticCatalog.NoSuchLayer, [moduleName])
                : new MessagePart(DiagnosticCatalog.NoSuchTensor, [Label(moduleName), LineOf(module), tensorName]);
            diagnostics.Add(At(DiagnosticCatalog.WeightsUnexpectedKey, module, moduleName, entry.Key, weightsName, TensorDTypes.FormatShape(entry.Shape), why));
        }

        return diagnostics;
    }

    /// <summary>Every module under every name it is registered by, as <c>named_modules(remove_duplicate=False)</c> would name it.</summary>
    private static void Index(ModuleInfo module, string prefix, Dictionary<string, ModuleInfo> into, HashSet<ModuleInfo> path)
    {
        into.TryAdd(prefix, module);
        if (!path.Add(module))
        {
            return;
        }

        foreach (var (name, child) in module.Registrations)
        {
            Index(child, prefix.Length == 0 ? name : prefix + "." + name, into, path);
        }

        path.Remove(module);
    }

    private static (string Module, string Tensor) Split(string key)
    {
        var dot = key.LastIndexOf('.');
        return dot < 0 ? (string.Empty, key) : (key[..dot], key[(dot + 1)..]);
    }

    private static string Label(string moduleName) => moduleName.Length == 0 ? "the model" : moduleName;

    private static int LineOf(ModuleInfo? module) => module?.Constructor?.Line ?? 0;

    private static Diagnostic At(DiagnosticDescriptor descriptor, ModuleInfo? module, string moduleName, params object?[] args)
    {
        var diagnostic = Diagnostic.Create(descriptor, module?.Constructor?.CallSpan ?? Syntax.SourceSpan.None, args);
        return module?.Constructor is { } call ? diagnostic with { Layer = new LayerRef(call.Line, Label(moduleName), module.Type) } : diagnostic;
    }
}
