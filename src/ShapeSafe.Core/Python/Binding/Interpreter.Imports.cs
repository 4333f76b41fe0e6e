using ShapeSafe.Layers;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Python.Binding;

/// <summary>
/// Imports and canonical names: <c>import torch.nn as nn</c>, <c>from torch.nn import functional as F, Conv2d</c>. Nothing
/// is loaded from disk: torch, torch.nn, torch.nn.functional, math and collections are known by name; other modules are
/// namespaces whose every attribute is unknown.
/// </summary>
public sealed partial class Interpreter
{
    private static readonly HashSet<string> KnownNamespaces = new(StringComparer.Ordinal)
    {
        "torch", "torch.nn", "torch.nn.functional", "torch.nn.init", "torch.nn.modules", "torch.nn.parameter", "torch.linalg",
        "torch.fft", "torch.special", "torch.autograd", "math", "collections", "builtins", "typing", "torch.nn.utils", "torch.cuda", "torch.backends",
    };

    private static readonly HashSet<string> TorchClasses = new(StringComparer.Ordinal)
    {
        "torch.nn.Module", "torch.nn.Sequential", "torch.nn.ModuleList", "torch.nn.ModuleDict", "torch.nn.Parameter",
        "torch.nn.parameter.Parameter", "torch.Tensor", "torch.Size", "collections.OrderedDict", "torch.nn.ParameterList",
        "torch.nn.ParameterDict",
    };

    private readonly List<string> _starImports = [];

    private void Import(ImportStmt s, Scope scope)
    {
        foreach (var alias in s.Names)
        {
            if (alias.AsName is not null)
            {
                scope.Set(alias.AsName, Resolve(alias.Name, isModule: true));
            }
            else
            {
                var dot = alias.Name.IndexOf('.');
                var first = dot < 0 ? alias.Name : alias.Name[..dot];
                scope.Set(first, Resolve(first, isModule: true));
            }
        }
    }

    private void ImportFrom(ImportFromStmt s, Scope scope)
    {
        foreach (var alias in s.Names)
        {
            if (s.Level > 0 || s.Module is null)
            {
                scope.Set(alias.AsName ?? alias.Name, new PyUnknown($"{alias.Name} (imported from another file of the project)", SpanOf(alias)) { IsName = true });
                continue;
            }

            if (alias.Name == "*")
            {
                _starImports.Add(s.Module);
                continue;
            }

            scope.Set(alias.AsName ?? alias.Name, Resolve(s.Module + "." + alias.Name, isModule: false));
        }
    }

    /// <summary>
    /// The value a canonical dotted name denotes: a torch function or class, a constant, a known namespace, or an unknown
    /// value (a name under a known namespace that the checker does not model; any name of a module it does not know).
    /// </summary>
    public PyValue Resolve(string canonical, bool isModule)
    {
        canonical = Canonicalize(canonical);
        if (_table.Functions.TryGetValue(canonical, out var function))
        {
            return new PyBuiltin(canonical, function);
        }

        if (_table.Constants.TryGetValue(canonical, out var constant))
        {
            return constant;
        }

        if (KnownNamespaces.Contains(canonical))
        {
            return new PyNamespace(canonical);
        }

        if (TorchClasses.Contains(canonical))
        {
            return new PyTorchClass(canonical[(canonical.LastIndexOf('.') + 1)..], canonical);
        }

        if (canonical.StartsWith("torch.nn.", StringComparison.Ordinal) && canonical.IndexOf('.', 9) < 0)
        {
            var name = canonical[9..];
            if (LayerRegistry.Default.TryGet(name, out _) || (name.Length > 0 && char.IsUpper(name[0])))
            {
                return new PyTorchClass(name, canonical);
            }
        }

        var lastDot = canonical.LastIndexOf('.');
        var root = lastDot < 0 ? canonical : canonical[..lastDot];
        if (isModule && !KnownNamespaces.Contains(root) && !IsUnder(canonical, "torch") && !IsUnder(canonical, "math"))
        {
            // An import of a module the checker does not know (numpy, torchvision, the project's own): its attributes are unknown.
            return new PyNamespace(canonical);
        }

        return new PyUnknown(canonical, _statementSpan) { IsName = true };
    }

    /// <summary>Aliases PyTorch itself defines, mapped to the names the table uses.</summary>
    private static string Canonicalize(string name)
    {
        if (name.StartsWith("torch.nn.modules.", StringComparison.Ordinal))
        {
            // torch.nn.modules.conv.Conv2d is torch.nn.Conv2d.
            var last = name.LastIndexOf('.');
            var tail = name[(last + 1)..];
            if (tail.Length > 0 && char.IsUpper(tail[0]))
            {
                return "torch.nn." + tail;
            }
        }

        return name;
    }

    private static bool IsUnder(string name, string root) =>
        name == root || (name.Length > root.Length && name.StartsWith(root, StringComparison.Ordinal) && name[root.Length] == '.');

    /// <summary>A name not found in any scope: a builtin, a name from a <c>from X import *</c>, or unknown.</summary>
    private PyValue LookupFallback(NameExpr n)
    {
        if (_table.Functions.TryGetValue("builtins." + n.Id, out var builtin))
        {
            return new PyBuiltin(n.Id, builtin);
        }

        if (_table.Constants.TryGetValue("builtins." + n.Id, out var constant))
        {
            return constant;
        }

        switch (n.Id)
        {
            case "super":
                return new PyBuiltin("super", _ => PyNone.Instance);
            case "__name__":
                return new PyStr("__shapesafe__");
            case "object":
            case "Exception":
            case "ValueError":
            case "TypeError":
            case "RuntimeError":
            case "NotImplementedError":
            case "AssertionError":
            case "ImportError":
            case "KeyError":
            case "IndexError":
                return new PyOpaque(n.Id);
        }

        foreach (var module in _starImports)
        {
            var resolved = Resolve(module + "." + n.Id, isModule: false);
            if (resolved is not PyUnknown)
            {
                return resolved;
            }
        }

        return new PyUnknown($"the name '{n.Id}' is not defined in the file", SpanOf(n)) { IsName = true };
    }
}
