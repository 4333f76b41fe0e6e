namespace ShapeSafe.Python.Binding.Values;

/// <summary>The container modules of torch.nn.</summary>
public enum ContainerKind
{
    Sequential,
    ModuleList,
    ModuleDict,
}
