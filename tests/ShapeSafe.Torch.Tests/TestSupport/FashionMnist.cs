namespace ShapeSafe.Tests.TestSupport;

/// <summary>Where Debian's dataset-fashion-mnist package puts Fashion-MNIST; tests that need it are skipped without it.</summary>
public static class FashionMnist
{
    public const string Folder = "/usr/share/datasets/fashion-mnist";

    public static bool IsInstalled => File.Exists(Path.Combine(Folder, "train-images-idx3-ubyte.gz")) || File.Exists(Path.Combine(Folder, "train-images-idx3-ubyte"));
}
