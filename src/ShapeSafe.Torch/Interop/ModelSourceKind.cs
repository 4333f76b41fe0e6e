namespace ShapeSafe.Torch.Interop;

/// <summary>What a model path given to run, export or import holds.</summary>
public enum ModelSourceKind
{
    /// <summary>A model file: its layers are built with fresh (seeded) weights.</summary>
    ModelFile,

    /// <summary>A checkpoint written by train or import: the model file's text and its weights.</summary>
    Checkpoint,

    /// <summary>A PyTorch module in a .py file (run only): checked at the input's shape and run as a GraphModule.</summary>
    PythonModule,
}
