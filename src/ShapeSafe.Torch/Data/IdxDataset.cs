namespace ShapeSafe.Torch.Data;

/// <summary>
/// A folder of MNIST-style IDX files: train-images-idx3-ubyte and train-labels-idx1-ubyte for
/// training, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte for testing, each optionally gzipped.
/// Ten classes (MNIST and Fashion-MNIST), named by an optional classes.txt (one name per line, which
/// also sets the count), else Fashion-MNIST's names when the folder's name says fashion, else 0..9.
/// </summary>
public static class IdxDataset
{
    /// <summary>Fashion-MNIST's class names, in label order.</summary>
    public static readonly IReadOnlyList<string> FashionMnistClasses =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>True when the folder holds an IDX image file of either split.</summary>
    public static bool IsIdxFolder(string folder) =>
        Directory.Exists(folder) && (FindFile(folder, "train", "images-idx3-ubyte") is not null || FindFile(folder, "t10k", "images-idx3-ubyte") is not null);

    /// <summary>The image and label files of one split, or a <see cref="DataException"/> naming what is missing.</summary>
    public static (string Images, string Labels) Files(string folder, DataSplit split)
    {
        var prefix = split == DataSplit.Train ? "train" : "t10k";
        var images = FindFile(folder, prefix, "images-idx3-ubyte");
        var labels = FindFile(folder, prefix, "labels-idx1-ubyte");
        if (images is null || labels is null)
        {
            var missing = images is null ? $"{prefix}-images-idx3-ubyte[.gz]" : $"{prefix}-labels-idx1-ubyte[.gz]";
            throw new DataException(folder, $"has no {missing}; an IDX folder holds {prefix}-images-idx3-ubyte and {prefix}-labels-idx1-ubyte, gzipped or not");
        }

        return (images, labels);
    }

    /// <summary>The longest class name classes.txt may give (as a folder name may be).</summary>
    public const int MaxClassNameLength = 255;

    /// <summary>The largest classes.txt read.</summary>
    public const long MaxClassesFileBytes = 1024 * 1024;

    /// <summary>The class names of an IDX folder (see the type's summary).</summary>
    public static IReadOnlyList<string> ClassNames(string folder)
    {
        var listFile = Path.Combine(folder, "classes.txt");
        if (File.Exists(listFile))
        {
            DataFiles.RequireRegular(listFile);
            if (new FileInfo(listFile).Length > MaxClassesFileBytes)
            {
                throw new DataException(listFile, $"is larger than {MaxClassesFileBytes} bytes; it holds one class name per line");
            }

            var names = File.ReadAllLines(listFile).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
            if (names.FirstOrDefault(n => n.Length > MaxClassNameLength) is { } longName)
            {
                throw new DataException(listFile, $"line {Array.IndexOf(names, longName) + 1} of the non-empty lines names a class of {longName.Length} characters; a class name has at most {MaxClassNameLength}");
            }

            if (names.Length < 2)
            {
                throw new DataException(listFile, $"names {names.Length} class(es); a classifier needs at least 2, one name per line");
            }

            return names;
        }

        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        return name.Contains("fashion", StringComparison.OrdinalIgnoreCase)
            ? FashionMnistClasses
            : Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>
    /// Loads one split, checking both files and that they agree. <paramref name="limit"/> keeps the
    /// first N images (the whole files are still checked).
    /// </summary>
    public static ImageSet Load(string folder, DataSplit split, int? limit = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new DataException(folder, "does not exist");
        }

        var (imagesPath, labelsPath) = Files(folder, split);
        var classes = ClassNames(folder);
        var images = IdxFile.ReadImages(imagesPath);
        var labels = IdxFile.ReadLabels(labelsPath);
        var count = images.Dims[0];
        if (labels.Dims[0] != count)
        {
            throw new DataException(labelsPath, $"holds {labels.Dims[0]} labels but {Path.GetFileName(imagesPath)} holds {count} images; the counts must match");
        }

        var take = limit is { } l ? Math.Min(l, count) : count;
        if (take == 0)
        {
            throw new DataException(imagesPath, "holds no images");
        }

        var rows = images.Dims[1];
        var cols = images.Dims[2];
        var pixels = new byte[(long)take * rows * cols];
        Buffer.BlockCopy(images.Data, images.DataOffset, pixels, 0, pixels.Length);
        var result = new int[take];
        for (var i = 0; i < count; i++)
        {
            var label = labels.Data[labels.DataOffset + i];
            if (label >= classes.Count)
            {
                throw new DataException(labelsPath, $"label {label} at index {i} is out of range: the data set has {classes.Count} classes (0..{classes.Count - 1})");
            }

            if (i < take)
            {
                result[i] = label;
            }
        }

        return new ImageSet(pixels, result, 1, rows, cols, classes, folder, DataKind.Idx);
    }

    private static string? FindFile(string folder, string prefix, string suffix)
    {
        foreach (var name in new[] { $"{prefix}-{suffix}", $"{prefix}-{suffix}.gz", $"{prefix}.{suffix}", $"{prefix}.{suffix}.gz" })
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
