using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime;

/// <summary>
/// A module of the tree that only holds others (nn.Sequential, ModuleList, ModuleDict, a user class) and the parameters and
/// buffers a user class registers itself; it is never called on its own: the graph inlines what its forward does.
/// </summary>
internal sealed class ContainerModule : nn.Module
{
    public ContainerModule(string type)
        : base(type)
    {
    }

    /// <summary>Registers <paramref name="module"/> as a child named <paramref name="name"/> (PyTorch's <c>add_module</c>).</summary>
    public void Add(string name, nn.Module module) => register_module(name, module);

    /// <summary>Names of buffers (and plain tensor attributes) that state_dict leaves out.</summary>
    public HashSet<string> NonPersistent { get; } = new(StringComparer.Ordinal);

    /// <summary>Registers a parameter, buffer or plain tensor attribute this module owns (the last two as buffers, so they move with the module).</summary>
    public void AddTensor(string name, torch.Tensor tensor, Dataflow.ModuleTensorKind kind, bool persistent)
    {
        if (kind == Dataflow.ModuleTensorKind.Parameter)
        {
            register_parameter(name, new TorchSharp.Modules.Parameter(tensor));
            return;
        }

        register_buffer(name, tensor);
        if (!persistent)
        {
            NonPersistent.Add(name);
        }
    }
}
