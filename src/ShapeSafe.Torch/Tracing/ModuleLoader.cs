using System.Reflection;
using ShapeSafe.Layers;
using TorchSharp;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// Finds and constructs a TorchSharp module type from a user's compiled assembly: a public
/// parameterless constructor, one whose arguments are all optional, or one taking a single string (the
/// module name). Every problem is returned as a one-line message, never thrown.
/// </summary>
public static class ModuleLoader
{
    private const int ListedTypes = 8;

    public static bool TryLoad(string assemblyPath, string typeName, out torch.nn.Module? module, out string error)
    {
        module = null;
        error = string.Empty;
        var path = Path.GetFullPath(assemblyPath);
        if (Directory.Exists(path) || !File.Exists(path))
        {
            error = $"{assemblyPath}: no such file";
            return false;
        }

        Assembly assembly;
        try
        {
            // Make sure TorchSharp is in the default context before the user's assembly asks for it.
            _ = typeof(torch.nn.Module).Assembly;
            assembly = new ModuleLoadContext(path).LoadFromAssemblyPath(path);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or IOException)
        {
            error = $"{assemblyPath}: not a .NET assembly that can be loaded ({FirstLine(e.Message)})";
            return false;
        }

        var types = LoadableTypes(assembly);
        var type = assembly.GetType(typeName, throwOnError: false)
            ?? Unique(types.Where(t => t.FullName == typeName || t.Name == typeName || t.FullName?.Replace('+', '.') == typeName));
        var modules = types.Where(t => typeof(torch.nn.Module).IsAssignableFrom(t) && !t.IsAbstract && t.IsPublic).Select(t => t.FullName!).Order().ToList();
        if (type is null)
        {
            var near = Suggest.Closest(typeName, modules);
            var listed = near is not null ? $"; did you mean '{near}'?"
                : modules.Count == 0 ? "; it has no public TorchSharp module types"
                : $"; its module types are {string.Join(", ", modules.Take(ListedTypes))}{(modules.Count > ListedTypes ? ", ..." : string.Empty)}";
            error = $"{assemblyPath}: no type '{typeName}'{listed}";
            return false;
        }

        if (!typeof(torch.nn.Module).IsAssignableFrom(type))
        {
            error = $"{type.FullName} is not a TorchSharp module (it does not derive from torch.nn.Module)";
            return false;
        }

        if (type.IsAbstract || type.ContainsGenericParameters)
        {
            error = $"{type.FullName} is abstract or generic and cannot be constructed";
            return false;
        }

        return Construct(type, out module, out error);
    }

    private static bool Construct(Type type, out torch.nn.Module? module, out string error)
    {
        module = null;
        error = string.Empty;
        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        var parameterless = constructors.FirstOrDefault(c => c.GetParameters().Length == 0);
        var optional = constructors.Where(c => c.GetParameters().Length > 0 && c.GetParameters().All(p => p.IsOptional)).MinBy(c => c.GetParameters().Length);
        var named = constructors.FirstOrDefault(c => c.GetParameters() is [{ ParameterType: var p }] && p == typeof(string));
        object?[]? arguments = parameterless is not null ? []
            : optional is not null ? optional.GetParameters().Select(_ => Type.Missing).ToArray()
            : named is not null ? [type.Name]
            : null;
        var constructor = parameterless ?? optional ?? named;
        if (constructor is null)
        {
            error = $"{type.FullName} has no public constructor without arguments (or with a single string name)";
            return false;
        }

        try
        {
            module = (torch.nn.Module)constructor.Invoke(BindingFlags.OptionalParamBinding, null, arguments, null);
            return true;
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            error = $"constructing {type.FullName} threw {inner.GetType().Name}: {FirstLine(inner.Message)}";
            return false;
        }
    }

    private static IReadOnlyList<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.Where(t => t is not null).ToArray()!;
        }
    }

    private static Type? Unique(IEnumerable<Type> candidates)
    {
        var list = candidates.Take(2).ToList();
        return list.Count == 1 ? list[0] : null;
    }

    private static string FirstLine(string message) =>
        message.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
}
