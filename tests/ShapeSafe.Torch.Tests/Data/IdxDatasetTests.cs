using ShapeSafe.Tests.TestSupport;
using ShapeSafe.Torch.Data;

namespace ShapeSafe.Tests.Data;

public sealed class IdxDatasetTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LoadsBothSplitsGzippedOrNot(bool gzip)
    {
        using var folder = new TempFolder();
        IdxWriter.WriteSplit(folder.Path, "train", 30, rows: 5, cols: 7, gzip: gzip);
        IdxWriter.WriteSplit(folder.Path, "t10k", 12, rows: 5, cols: 7, gzip: gzip);

        var train = IdxDataset.Load(folder.Path, DataSplit.Train);
        var test = IdxDataset.Load(folder.Path, DataSplit.Test, limit: 4);

        Assert.Equal((30, 1, 5, 7), (train.Count, train.Channels, train.Height, train.Width));
        Assert.Equal(4, test.Count);
        Assert.Equal(Enumerable.Range(0, 30).Select(n => n % 10), train.Labels);
        Assert.Equal(IdxWriter.Images(30, 5, 7)[16..], train.Pixels);
        Assert.Equal(DataKind.Idx, train.Kind);
        Assert.Equal(10, train.ClassCount);
    }

    public static TheoryData<string, Action<string>, string, string> BadFolders => new()
    {
        {
            "truncated images", f =>
            {
                IdxWriter.Write(f, "train-images-idx3-ubyte", IdxWriter.Images(10, 4, 4)[..100], gzip: false);
                IdxWriter.Write(f, "train-labels-idx1-ubyte", IdxWriter.Labels(new byte[10]), gzip: false);
            },
            "train-images-idx3-ubyte", "is truncated: the header promises 10 images of 4x4 (160 bytes of data) but only 84 bytes follow it"
        },
        {
            "truncated gzipped labels", f =>
            {
                IdxWriter.Write(f, "train-images-idx3-ubyte", IdxWriter.Images(10, 4, 4), gzip: true);
                IdxWriter.Write(f, "train-labels-idx1-ubyte", IdxWriter.Labels(new byte[10])[..12], gzip: true);
            },
            "train-labels-idx1-ubyte.gz", "is truncated"
        },
        {
            "header cut short", f =>
            {
                IdxWriter.Write(f, "train-images-idx3-ubyte", IdxWriter.Images(10, 4, 4)[..10], gzip: false);
                IdxWriter.Write(f, "train-labels-idx1-ubyte", IdxWriter.Labels(new byte[10]), gzip: false);
            },
            "train-images-idx3-ubyte", "shorter than the 16-byte header"
        },
        {
            "trailing bytes", f =>
            {
                IdxWriter.Write(f, "train-images-idx3-ubyte", [.. IdxWriter.Images(10, 4, 4), 1, 2, 3], gzip: false);
                IdxWriter.Write(f, "train-labels-idx1-ubyte", IdxWriter.Labels(new byte[10]), gzip: false);
            },
            "train-images-idx3-ubyte", "is longer than its header says"
        },
        {
            "image and label counts differ", f =>
            {
                IdxWriter.Write(f, "train-images-idx3-ubyte", IdxWriter.Images(10, 4, 4), gzip: false);
                IdxWriter.Write(f, "train-labels-idx1-ubyte", IdxWriter.Labels(new byte[9]), gzip: false);
            },
            "train-labels-idx1-ubyte", "holds 9 labels but train-images-idx3-ubyte holds 10 images; the counts must match"
        },
        {
            "labels given as images (bad magic)", f =>
            {
                IdxWriter.Write(f, "train-images-idx3-ubyte", IdxWriter.Labels(new byte[10]), gzip: false);
                IdxWriter.Write(f, "train-labels-idx1-ubyte", IdxWriter.Labels(new byte[10]), gzip: false);
            },
            "train-images-idx3-ubyte", "bad magic number 0x00000801: expected 0x00000803 for an IDX file of images; this is an IDX file with 1 dimension(s), not 3"
        },
        {
            "not an IDX file at all", f =>
            {
                File.WriteAllText(Path.Combine(f, "train-images-idx3-ubyte"), "<html>not found</html>");
                IdxWriter.Write(f, "train-labels-idx1-ubyte", IdxWriter.Labels(new byte[10]), gzip: false);
            },
            "train-images-idx3-ubyte", "this is not an IDX file"
        },
        {
            "a .gz that is not gzip", f =>
            {
                File.WriteAllBytes(Path.Combine(f, "train-images-idx3-ubyte.gz"), IdxWriter.Images(10, 4, 4));
                IdxWriter.Write(f, "train-labels-idx1-ubyte", IdxWriter.Labels(new byte[10]), gzip: false);
            },
            "train-images-idx3-ubyte.gz", "is not a valid gzip file"
        },
        {
            "label out of range", f =>
            {
                IdxWriter.Write(f, "train-images-idx3-ubyte", IdxWriter.Images(5, 4, 4), gzip: false);
                IdxWriter.Write(f, "train-labels-idx1-ubyte", IdxWriter.Labels([1, 2, 3, 12, 4]), gzip: false);
            },
            "train-labels-idx1-ubyte", "label 12 at index 3 is out of range: the data set has 10 classes (0..9)"
        },
        {
            "no label file", f => IdxWriter.Write(f, "train-images-idx3-ubyte", IdxWriter.Images(5, 4, 4), gzip: false),
            "", "has no train-labels-idx1-ubyte[.gz]"
        },
        {
            // 16 x 2^30 x 2^30 wraps to 0 in 64-bit arithmetic: it must not pass as an empty file.
            "a header whose size wraps around", f =>
            {
                IdxWriter.Write(f, "train-images-idx3-ubyte", [0, 0, 8, 3, 0, 0, 0, 16, 64, 0, 0, 0, 64, 0, 0, 0], gzip: false);
                IdxWriter.Write(f, "train-labels-idx1-ubyte", IdxWriter.Labels(new byte[16]), gzip: false);
            },
            "train-images-idx3-ubyte", "its header promises 16 images of 1073741824x1073741824: more than the"
        },
        {
            // A small .gz that unpacks to far more than its header promises is refused after the promised bytes, not unpacked whole.
            "a gzip bomb", f =>
            {
                IdxWriter.Write(f, "train-images-idx3-ubyte", [.. IdxWriter.Images(2, 4, 4), .. new byte[8 * 1024 * 1024]], gzip: true);
                IdxWriter.Write(f, "train-labels-idx1-ubyte", IdxWriter.Labels(new byte[2]), gzip: false);
            },
            "train-images-idx3-ubyte.gz", "is longer than its header says: 2 images of 4x4 is 32 bytes of data, but more bytes follow it"
        },
        {
            "an empty file", f =>
            {
                IdxWriter.Write(f, "train-images-idx3-ubyte", [], gzip: false);
                IdxWriter.Write(f, "train-labels-idx1-ubyte", IdxWriter.Labels(new byte[2]), gzip: false);
            },
            "train-images-idx3-ubyte", "is empty, or not a regular file"
        },
    };

    [Theory]
    [MemberData(nameof(BadFolders))]
    public void BadFilesGiveAnErrorNamingTheFile(string name, Action<string> write, string file, string problem)
    {
        using var folder = new TempFolder();
        write(folder.Path);

        var error = Assert.Throws<DataException>(() => IdxDataset.Load(folder.Path, DataSplit.Train));

        Assert.True(error.Path == Path.Combine(folder.Path, file) || (file.Length == 0 && error.Path == folder.Path), $"{name}: path was {error.Path}");
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith(error.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFifoIsRefusedNamingItInsteadOfHangingTheLoader()
    {
        using var folder = new TempFolder();
        IdxWriter.Write(folder.Path, "train-labels-idx1-ubyte", IdxWriter.Labels(new byte[2]), gzip: false);
        var fifo = Path.Combine(folder.Path, "train-images-idx3-ubyte");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var error = Assert.Throws<DataException>(() => IdxDataset.Load(folder.Path, DataSplit.Train));

        Assert.Equal(fifo, error.Path);
        Assert.Contains("not a regular file", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ALimitStillChecksLabelsPastIt()
    {
        using var folder = new TempFolder();
        IdxWriter.Write(folder.Path, "train-images-idx3-ubyte", IdxWriter.Images(5, 4, 4), gzip: false);
        IdxWriter.Write(folder.Path, "train-labels-idx1-ubyte", IdxWriter.Labels([1, 2, 3, 4, 200]), gzip: false);

        var error = Assert.Throws<DataException>(() => IdxDataset.Load(folder.Path, DataSplit.Train, limit: 2));

        Assert.Contains("label 200 at index 4", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fashion-mnist", null, "T-shirt/top", 10)]
    [InlineData("mnist", null, "0", 10)]
    [InlineData("letters", "a\nb\nc\n", "a", 3)]
    public void ClassNamesComeFromClassesTxtOrTheFolderName(string name, string? classesTxt, string first, int count)
    {
        using var root = new TempFolder();
        var folder = root.Combine(name);
        Directory.CreateDirectory(folder);
        if (classesTxt is not null)
        {
            File.WriteAllText(Path.Combine(folder, "classes.txt"), classesTxt);
        }

        var names = IdxDataset.ClassNames(folder);

        Assert.Equal(first, names[0]);
        Assert.Equal(count, names.Count);
    }

    [Fact]
    public void ClassesTxtSetsTheRangeOfLabels()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("classes.txt"), "a\nb\nc\n");
        IdxWriter.Write(folder.Path, "train-images-idx3-ubyte", IdxWriter.Images(4, 4, 4), gzip: false);
        IdxWriter.Write(folder.Path, "train-labels-idx1-ubyte", IdxWriter.Labels([0, 1, 2, 3]), gzip: false);

        var error = Assert.Throws<DataException>(() => IdxDataset.Load(folder.Path, DataSplit.Train));

        Assert.Contains("label 3 at index 3 is out of range: the data set has 3 classes (0..2)", error.Problem, StringComparison.Ordinal);
    }

    [FashionMnistFact]
    public void ReadsTheInstalledFashionMnist()
    {
        var train = IdxDataset.Load(FashionMnist.Folder, DataSplit.Train, limit: 100);
        var test = IdxDataset.Load(FashionMnist.Folder, DataSplit.Test, limit: 100);

        Assert.Equal((1, 28, 28), (train.Channels, train.Height, train.Width));
        Assert.Equal(IdxDataset.FashionMnistClasses, train.ClassNames);
        Assert.Equal(100, test.Count);
        Assert.All(train.Labels, l => Assert.InRange(l, 0, 9));
    }
}
