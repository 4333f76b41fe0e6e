namespace ShapeSafe.Torch.Data;

/// <summary>How a data set is stored on disk.</summary>
public enum DataKind
{
    /// <summary>MNIST-style IDX files (train-images-idx3-ubyte[.gz] and friends).</summary>
    Idx,

    /// <summary>A folder whose subfolders are the classes, holding PNG or JPEG images.</summary>
    ImageFolder,
}
