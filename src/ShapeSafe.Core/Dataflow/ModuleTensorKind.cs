namespace ShapeSafe.Dataflow;

/// <summary>Which of a module's tensor lists a <see cref="ModuleTensor"/> belongs to.</summary>
public enum ModuleTensorKind
{
    /// <summary><see cref="ModuleInfo.Parameters"/>.</summary>
    Parameter,

    /// <summary><see cref="ModuleInfo.Buffers"/>.</summary>
    Buffer,

    /// <summary><see cref="ModuleInfo.TensorAttributes"/>.</summary>
    Plain,
}
