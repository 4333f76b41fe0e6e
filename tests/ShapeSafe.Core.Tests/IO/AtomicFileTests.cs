using ShapeSafe.IO;

namespace ShapeSafe.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shapesafe-atomic").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ReplacesTheContentAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_folder, "model.py");
        File.WriteAllText(path, "old");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void AWriterThatFailsLeavesTheTargetAsItWasAndNoTemporaryFile()
    {
        var path = Path.Combine(_folder, "w.pt");
        File.WriteAllText(path, "kept");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.WriteByte(1);
            throw new IOException("disk full");
        }));

        Assert.Equal("kept", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }
}
