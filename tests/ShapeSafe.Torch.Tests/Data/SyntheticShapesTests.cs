using ShapeSafe.Tests.TestSupport;
using ShapeSafe.Torch.Data;

namespace ShapeSafe.Tests.Data;

public sealed class SyntheticShapesTests
{
    [Fact]
    public void WritesALoadableImageFolderWithAMarker()
    {
        using var folder = new TempFolder();

        var written = SyntheticShapes.Write(folder.Path, classes: 3, perClass: 4, height: 16, width: 20, channels: 3, seed: 5);
        var set = ImageFolderDataset.Load(folder.Path, 3, 16, 20);

        Assert.Equal(12, written);
        Assert.Equal(["00-circle", "01-square", "02-triangle"], set.ClassNames);
        Assert.Equal(12, set.Count);
        Assert.Equal(new SyntheticShapes.Description(3, 4, 16, 20, 3, 5), SyntheticShapes.Describe(folder.Path));
        Assert.Null(SyntheticShapes.Describe(folder.Combine("00-circle")));
    }

    [Fact]
    public void TheSameSeedWritesTheSameImages()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();

        SyntheticShapes.Write(a.Path, 2, 3, 12, 12, 1, seed: 9);
        SyntheticShapes.Write(b.Path, 2, 3, 12, 12, 1, seed: 9);

        Assert.Equal(ImageFolderDataset.Load(a.Path, 1, 12, 12).Pixels, ImageFolderDataset.Load(b.Path, 1, 12, 12).Pixels);
    }
}
