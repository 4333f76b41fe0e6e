using ShapeSafe.Dataflow;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>An instance of an <c>nn.Module</c> subclass written in the file: its <c>forward</c> is interpreted.</summary>
public sealed class PyUserModule(ModuleInfo info, PyClass type) : PyModule(info)
{
    public PyClass Class { get; } = type;

    /// <summary>True when <c>__init__</c> was not fully followed (an unknown branch or call): a missing attribute is then not an error.</summary>
    public bool Incomplete { get; set; }
}
