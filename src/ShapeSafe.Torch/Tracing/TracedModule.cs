using TorchSharp;

namespace ShapeSafe.Torch.Tracing;

/// <summary>One submodule of the traced module: its first path in named_modules(), what it is, and how often it ran.</summary>
internal sealed class TracedModule
{
    public TracedModule(torch.nn.Module module, string path, bool isLeaf, ModuleDescription description, long parameters)
    {
        Module = module;
        Path = path;
        IsLeaf = isLeaf;
        Description = description;
        Parameters = parameters;
    }

    public torch.nn.Module Module { get; }

    public string Path { get; }

    /// <summary>True for modules without children: those are the rows; containers are implicit in the paths.</summary>
    public bool IsLeaf { get; }

    public ModuleDescription Description { get; }

    public string Type => Description.Type;

    public long Parameters { get; }

    public int Calls { get; set; }

    /// <summary>The module as a model-file line: <c>fc1 = Linear(2048, 128)</c>.</summary>
    public string Line => $"{Path} = {Description.Construction}";
}
