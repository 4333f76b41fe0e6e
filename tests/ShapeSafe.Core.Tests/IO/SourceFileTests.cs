using ShapeSafe.IO;

namespace ShapeSafe.Tests.IO;

public sealed class SourceFileTests
{
    [Theory]
    [InlineData("", "'': is not a file name: the path is empty")]
    [InlineData("a\0b.model", "a\\0b.model: is not a file name: it contains a NUL character")]
    [InlineData("/definitely/not/here.model", "/definitely/not/here.model: no such file")]
    public void AnUnusablePathIsNamedInsteadOfThrowingArgumentException(string path, string message)
    {
        var e = Assert.Throws<SourceFileException>(() => SourceFile.ReadText(path));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void AFileIsReadWhole()
    {
        var path = Path.Combine(Path.GetTempPath(), $"shapesafe-sourcefile-{Guid.NewGuid():N}.model");
        File.WriteAllText(path, "input 1x3x8x8\nconv = nn.Conv2d(3, 4, 3)\n");
        try
        {
            Assert.Equal("input 1x3x8x8\nconv = nn.Conv2d(3, 4, 3)\n", SourceFile.ReadText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
