namespace ShapeSafe.Tests.TestSupport;

/// <summary>A fact that is skipped (with the reason shown) where Debian's dataset-fashion-mnist is not installed.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public const string Folder = "/usr/share/datasets/fashion-mnist";

    public FashionMnistFactAttribute()
    {
        if (!File.Exists(System.IO.Path.Combine(Folder, "train-images-idx3-ubyte.gz")) && !File.Exists(System.IO.Path.Combine(Folder, "train-images-idx3-ubyte")))
        {
            Skip = $"Fashion-MNIST is not installed at {Folder} (apt-get install dataset-fashion-mnist)";
        }
    }
}
