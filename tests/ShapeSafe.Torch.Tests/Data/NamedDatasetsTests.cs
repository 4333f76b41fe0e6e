using ShapeSafe.Torch.Data;

namespace ShapeSafe.Tests.Data;

public sealed class NamedDatasetsTests
{
    [Fact]
    public void APathIsReturnedAsItIs()
    {
        var output = new StringWriter();
        Assert.Equal("/some/folder", NamedDatasets.Resolve("/some/folder", output, Path.GetTempPath()));
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void FashionMnistFallsBackToGeneratedDataAndSaysSo()
    {
        var root = Path.Combine(Path.GetTempPath(), $"named-{Guid.NewGuid():N}");
        var previous = Environment.GetEnvironmentVariable("SHAPESAFE_DATASETS");
        Environment.SetEnvironmentVariable("SHAPESAFE_DATASETS", Path.Combine(root, "no-datasets-here"));
        try
        {
            var output = new StringWriter();
            var folder = NamedDatasets.Resolve("fashion-mnist", output, root);
            Assert.Contains("not installed", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("apt-get install dataset-fashion-mnist", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("GENERATED", output.ToString(), StringComparison.Ordinal);
            var description = SyntheticShapes.Describe(folder);
            Assert.NotNull(description);
            Assert.Equal(10, Directory.GetDirectories(folder).Length);
            Assert.Equal(NamedDatasets.GeneratedPerClass, Directory.GetFiles(Directory.GetDirectories(folder)[0], "*.png").Length);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SHAPESAFE_DATASETS", previous);
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void FashionMnistIsTheInstalledIdxFolderWhereItExists()
    {
        var installed = Path.Combine(NamedDatasets.DebianRoot, "fashion-mnist");
        if (!IdxDataset.IsIdxFolder(installed))
        {
            return; // the package is not installed here; the fallback test covers this machine
        }

        var output = new StringWriter();
        Assert.Equal(installed, NamedDatasets.Resolve("fashion-mnist", output, Path.GetTempPath()));
        Assert.Contains("the real Fashion-MNIST", output.ToString(), StringComparison.Ordinal);
    }
}
