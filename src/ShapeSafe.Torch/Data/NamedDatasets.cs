namespace ShapeSafe.Torch.Data;

/// <summary>
/// Data sets named instead of given by path: <c>--data fashion-mnist</c> is Debian's real Fashion-MNIST
/// (package dataset-fashion-mnist) where it is installed, and otherwise a generated stand-in of the same
/// size (10 classes of 28x28 grayscale images), with a message that says which it is and how to
/// install the real one.
/// </summary>
public static class NamedDatasets
{
    public const string FashionMnist = "fashion-mnist";

    /// <summary>Where Debian installs its data sets; SHAPESAFE_DATASETS overrides it.</summary>
    public static string DebianRoot => Environment.GetEnvironmentVariable("SHAPESAFE_DATASETS") is { Length: > 0 } root ? root : "/usr/share/datasets";

    /// <summary>Images per class of the generated stand-in.</summary>
    public const int GeneratedPerClass = 600;

    /// <summary>
    /// The folder to read for <paramref name="data"/>: itself when it is a path, the installed data set
    /// for a known name, or a generated stand-in (made once, under <paramref name="generatedRoot"/>).
    /// Writes one line saying what was chosen.
    /// </summary>
    public static string Resolve(string data, TextWriter output, string generatedRoot)
    {
        if (!string.Equals(data, FashionMnist, StringComparison.OrdinalIgnoreCase) || Directory.Exists(data))
        {
            return data;
        }

        var installed = Path.Combine(DebianRoot, FashionMnist);
        if (IdxDataset.IsIdxFolder(installed))
        {
            output.WriteLine($"Data: the real Fashion-MNIST, installed at {installed}.");
            return installed;
        }

        var generated = Path.Combine(generatedRoot, "fashion-mnist-generated");
        output.WriteLine($"Fashion-MNIST is not installed at {installed} (install it with: sudo apt-get install dataset-fashion-mnist).");
        output.WriteLine($"Training on GENERATED data instead: 10 classes of 28x28 grayscale shapes in {generated}, made by this program.");
        if (SyntheticShapes.Describe(generated) is null)
        {
            SyntheticShapes.Write(generated, classes: 10, perClass: GeneratedPerClass, height: 28, width: 28, channels: 1);
        }

        return generated;
    }
}
