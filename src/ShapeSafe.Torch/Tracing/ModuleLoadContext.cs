using System.Reflection;
using System.Runtime.Loader;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// Loads a user's assembly and its own dependencies in isolation, while sharing every assembly this
/// process already has (TorchSharp above all), so the user's modules are this process's torch.nn.Module.
/// </summary>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _directory;

    public ModuleLoadContext(string assemblyPath)
        : base($"shapesafe-trace:{Path.GetFileNameWithoutExtension(assemblyPath)}")
    {
        _resolver = new AssemblyDependencyResolver(assemblyPath);
        _directory = Path.GetDirectoryName(assemblyPath)!;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName) ?? Path.Combine(_directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    /// <summary>Assemblies the default context has, or would load from this application's folder.</summary>
    private static bool IsShared(AssemblyName name) =>
        Default.Assemblies.Any(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name) || a.GetName().Name == name.Name)
        || File.Exists(Path.Combine(AppContext.BaseDirectory, name.Name + ".dll"));
}
