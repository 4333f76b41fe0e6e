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

    /// <summary>Registers a parameter or buffer this module owns.</summary>
    public void AddTensor(string name, torch.Tensor tensor, bool isParameter)
    {
        if (isParameter)
        {
            register_parameter(name, new TorchSharp.Modules.Parameter(tensor));
        }
        else
        {
            register_buffer(name, tensor);
        }
    }
}
