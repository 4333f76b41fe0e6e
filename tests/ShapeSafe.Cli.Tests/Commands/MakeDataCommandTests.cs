using ShapeSafe.Cli.Commands;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands;

public sealed class MakeDataCommandTests
{
    [Fact]
    public void WritesOneFolderPerClassWithTheImages()
    {
        using var folder = new TempFolder();
        var data = folder.Combine("shapes");

        var run = CommandRunner.Run(MakeDataCommand.Create(), "make-data", data, "--classes", "3", "--per-class", "5", "--size", "20x24", "--channels", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Wrote 15 generated images (3 classes x 5, 1x20x24) to {data}", run.Output, StringComparison.Ordinal);
        Assert.Equal(["00-circle", "01-square", "02-triangle"], Directory.GetDirectories(data).Select(Path.GetFileName).Order());
        Assert.All(Directory.GetDirectories(data), d => Assert.Equal(5, Directory.GetFiles(d, "*.png").Length));
    }

    [Theory]
    [InlineData("--size", "64", "--size '64' is not HxW")]
    [InlineData("--classes", "11", "the number of classes must be between 2 and 10")]
    [InlineData("--channels", "2", "channels must be 1 (grayscale) or 3 (RGB)")]
    [InlineData("--per-class", "0", "the images per class must be between 1 and 100,000")]
    [InlineData("--per-class", "2147483647", "the images per class must be between 1 and 100,000")]
    public void BadValuesAreUsageErrors(string option, string value, string message)
    {
        using var folder = new TempFolder();

        var run = CommandRunner.Run(MakeDataCommand.Create(), "make-data", folder.Combine("x"), option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("x")));
    }

    [Fact]
    public void AnAmountThatWouldFillTheDiskIsRefusedBeforeAnythingIsWritten()
    {
        using var folder = new TempFolder();

        var run = CommandRunner.Run(MakeDataCommand.Create(), "make-data", folder.Combine("x"), "--classes", "10", "--per-class", "100000", "--size", "4096x4096");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("pixel values; at most 8,589,934,592 are written", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("x")));
    }
}
