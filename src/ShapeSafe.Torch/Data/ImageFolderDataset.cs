namespace ShapeSafe.Torch.Data;

/// <summary>
/// A folder whose subfolders are the classes (sorted by name, ordinal), each holding PNG or JPEG
/// images; files of other types are skipped. Every image is decoded, resized and converted to the
/// model's C x H x W by <see cref="ImageDecoder"/>, in parallel.
/// </summary>
public static class ImageFolderDataset
{
    /// <summary>The class folders, sorted; an error when there are none.</summary>
    public static IReadOnlyList<string> ClassNames(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DataException(folder, "does not exist");
        }

        var names = Directory.GetDirectories(folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !n.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (names.Length == 0)
        {
            throw new DataException(folder, "has no class subfolders: an image folder holds one subfolder per class (e.g. cat/, dog/) with PNG or JPEG images in each");
        }

        if (names.Length < 2)
        {
            throw new DataException(folder, $"has one class subfolder ('{names[0]}'); a classifier needs at least 2 classes");
        }

        return names;
    }

    /// <summary>
    /// Loads every image of the folder as <paramref name="channels"/> x <paramref name="height"/> x
    /// <paramref name="width"/>. When <paramref name="expectedClasses"/> is given (a validation or
    /// test folder, or a checkpoint's classes), the folder must have exactly those classes.
    /// </summary>
    public static ImageSet Load(string folder, int channels, int height, int width, IReadOnlyList<string>? expectedClasses = null, int? limit = null)
    {
        var classes = ClassNames(folder);
        if (expectedClasses is not null && !classes.SequenceEqual(expectedClasses, StringComparer.Ordinal))
        {
            var missing = expectedClasses.Except(classes, StringComparer.Ordinal).ToArray();
            var extra = classes.Except(expectedClasses, StringComparer.Ordinal).ToArray();
            var parts = new List<string>();
            if (missing.Length > 0)
            {
                parts.Add("lacks " + string.Join(", ", missing.Select(m => $"'{m}'")));
            }

            if (extra.Length > 0)
            {
                parts.Add("has extra " + string.Join(", ", extra.Select(m => $"'{m}'")));
            }

            throw new DataException(folder, $"has different classes from the training data: it {string.Join(" and ", parts)} (expected {string.Join(", ", expectedClasses)})");
        }

        var files = new List<(string Path, int Label)>();
        for (var label = 0; label < classes.Count; label++)
        {
            var classFolder = Path.Combine(folder, classes[label]);
            var images = Directory.EnumerateFiles(classFolder, "*", SearchOption.TopDirectoryOnly)
                .Where(ImageDecoder.IsImageFile)
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (images.Length == 0)
            {
                throw new DataException(classFolder, $"is an empty class folder: it holds no {string.Join("/", ImageDecoder.Extensions)} images");
            }

            files.AddRange(images.Select(p => (p, label)));
        }

        if (limit is { } l && l < files.Count)
        {
            // Keep the first N of a seeded shuffle so a limited run still sees every class.
            var order = Shuffle.Permutation(files.Count, seed: 0);
            files = order.Take(l).Order().Select(i => files[i]).ToList();
        }

        var size = channels * height * width;
        if ((long)files.Count * size > Array.MaxLength)
        {
            throw new DataException(folder, $"holds {files.Count} images of {channels}x{height}x{width}: more than the {Array.MaxLength} bytes one data set may hold; use --limit");
        }

        var pixels = new byte[(long)files.Count * size];
        var labels = files.Select(f => f.Label).ToArray();
        try
        {
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                try
                {
                    ImageDecoder.Decode(files[i].Path, channels, height, width, pixels.AsSpan(i * size, size));
                }
                catch (Exception e) when (e is not DataException)
                {
                    // Whatever the decoder throws (out of memory, an I/O error), the message names the image.
                    throw new DataException(files[i].Path, $"cannot be read as an image ({e.GetType().Name}: {e.Message})");
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<DataException>().OrderBy(d => d.Path, StringComparer.Ordinal).FirstOrDefault() is { } first)
        {
            throw first;
        }

        return new ImageSet(pixels, labels, channels, height, width, classes, folder, DataKind.ImageFolder);
    }
}
