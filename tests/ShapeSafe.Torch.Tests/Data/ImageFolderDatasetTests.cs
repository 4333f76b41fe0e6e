using ShapeSafe.Tests.TestSupport;
using ShapeSafe.Torch.Data;
using SkiaSharp;

namespace ShapeSafe.Tests.Data;

public sealed class ImageFolderDatasetTests
{
    [Fact]
    public void ClassesAreTheSortedSubfoldersAndImagesAreResizedAndConverted()
    {
        using var folder = new TempFolder();
        Images.WriteSolid(folder.Combine("zebra", "a.png"), new SKColor(200, 100, 50), width: 40, height: 30);
        Images.WriteSolid(folder.Combine("ant", "b.jpg"), new SKColor(10, 20, 30), format: SKEncodedImageFormat.Jpeg);
        Images.WriteSolid(folder.Combine("ant", "c.PNG"), new SKColor(0, 255, 0));
        File.WriteAllText(folder.Combine("ant", "notes.txt"), "not an image, skipped");

        var rgb = ImageFolderDataset.Load(folder.Path, channels: 3, height: 4, width: 5);
        var gray = ImageFolderDataset.Load(folder.Path, channels: 1, height: 4, width: 5);

        Assert.Equal(["ant", "zebra"], rgb.ClassNames);
        Assert.Equal([0, 0, 1], rgb.Labels);
        Assert.Equal((3, 4, 5), (rgb.Channels, rgb.Height, rgb.Width));
        var zebra = rgb.Pixels.AsSpan(2 * 60, 60).ToArray();
        Assert.All(zebra[..20], v => Assert.Equal(200, v));
        Assert.All(zebra[20..40], v => Assert.Equal(100, v));
        Assert.All(zebra[40..], v => Assert.Equal(50, v));
        // L = (299 R + 587 G + 114 B) / 1000, rounded: pure green is 150.
        Assert.All(gray.Pixels.AsSpan(20, 20).ToArray(), v => Assert.Equal(150, v));
    }

    public static TheoryData<string, Action<TempFolder>, string[], string> BadFolders => new()
    {
        {
            "an image that does not decode", f =>
            {
                Images.WriteSolid(f.Combine("cats", "ok.png"), SKColors.Red);
                File.WriteAllText(f.Combine("cats", "broken.png"), "this is text, not a PNG");
                Images.WriteSolid(f.Combine("dogs", "ok.png"), SKColors.Blue);
            },
            ["cats", "broken.png"], "does not decode as an image"
        },
        {
            "a truncated PNG", f =>
            {
                var path = Images.WriteSolid(f.Combine("cats", "cut.png"), SKColors.Red, width: 64, height: 64);
                var bytes = File.ReadAllBytes(path);
                File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                Images.WriteSolid(f.Combine("dogs", "ok.png"), SKColors.Blue);
            },
            ["cats", "cut.png"], ""
        },
        {
            "an empty class folder", f =>
            {
                Images.WriteSolid(f.Combine("cats", "ok.png"), SKColors.Red);
                Directory.CreateDirectory(f.Combine("dogs"));
                File.WriteAllText(f.Combine("dogs", "readme.txt"), "no images here");
            },
            ["dogs"], "is an empty class folder"
        },
        {
            "no class folders", f => Images.WriteSolid(f.Combine("loose.png"), SKColors.Red),
            [], "has no class subfolders"
        },
        {
            "one class only", f => Images.WriteSolid(f.Combine("cats", "a.png"), SKColors.Red),
            [], "a classifier needs at least 2 classes"
        },
        {
            // A few hundred bytes declaring 100000x100000 pixels: refused from the header, before 40 GB are allocated.
            "a PNG declaring a huge size", f =>
            {
                Images.WriteSolid(f.Combine("cats", "ok.png"), SKColors.Red);
                WithDeclaredSize(Images.WriteSolid(f.Combine("dogs", "huge.png"), SKColors.Blue), 100_000, 100_000);
            },
            ["dogs", "huge.png"], "is 100000x100000 pixels, more than the 67108864 an image may have"
        },
        {
            "a PNG of 20000x20000", f =>
            {
                WithDeclaredSize(Images.WriteSolid(f.Combine("cats", "big.png"), SKColors.Red), 20_000, 20_000);
                Images.WriteSolid(f.Combine("dogs", "ok.png"), SKColors.Blue);
            },
            ["cats", "big.png"], "is 20000x20000 pixels"
        },
        {
            "a FIFO named .png", f =>
            {
                Images.WriteSolid(f.Combine("cats", "ok.png"), SKColors.Red);
                using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [f.Combine("cats", "pipe.png")]);
                mkfifo.WaitForExit();
                Images.WriteSolid(f.Combine("dogs", "ok.png"), SKColors.Blue);
            },
            ["cats", "pipe.png"], "is empty, or not a regular file"
        },
    };

    [Theory]
    [MemberData(nameof(BadFolders))]
    public void BadFoldersGiveAnErrorNamingTheFileOrFolder(string name, Action<TempFolder> write, string[] at, string problem)
    {
        using var folder = new TempFolder();
        write(folder);

        var error = Assert.Throws<DataException>(() => ImageFolderDataset.Load(folder.Path, 3, 8, 8));

        Assert.True(error.Path == folder.Combine(at), $"{name}: path was {error.Path}");
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Contains(error.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValidationFolderMustHaveTheTrainingClasses()
    {
        using var folder = new TempFolder();
        Images.WriteSolid(folder.Combine("cats", "a.png"), SKColors.Red);
        Images.WriteSolid(folder.Combine("birds", "a.png"), SKColors.Blue);

        var error = Assert.Throws<DataException>(() => ImageFolderDataset.Load(folder.Path, 3, 8, 8, expectedClasses: ["cats", "dogs"]));

        Assert.Equal(folder.Path, error.Path);
        Assert.Contains("lacks 'dogs' and has extra 'birds'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ALimitKeepsASeededSubsetOfEveryClass()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 20; i++)
        {
            Images.WriteSolid(folder.Combine("a", $"{i}.png"), SKColors.Red);
            Images.WriteSolid(folder.Combine("b", $"{i}.png"), SKColors.Blue);
        }

        var first = ImageFolderDataset.Load(folder.Path, 1, 4, 4, limit: 10);
        var second = ImageFolderDataset.Load(folder.Path, 1, 4, 4, limit: 10);

        Assert.Equal(10, first.Count);
        Assert.Equal(first.Labels, second.Labels);
        Assert.Contains(0, first.Labels);
        Assert.Contains(1, first.Labels);
    }

    /// <summary>Rewrites a PNG's IHDR width and height (and its CRC), so the file declares a size it does not hold.</summary>
    private static void WithDeclaredSize(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), Crc32(bytes.AsSpan(12, 17)));
        File.WriteAllBytes(path, bytes);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
