using ShapeSafe.IO;

namespace ShapeSafe.Tests.IO;

public sealed class StaleTemporariesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shapesafe-stale").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void RemovesOnlyOurOwnTemporariesAndNeverFollowsALink()
    {
        var victim = Path.Combine(_folder, "victim.txt");
        File.WriteAllText(victim, "keep me");
        string[] ours = [".last.ckpt.0123456789abcdef0123456789abcdef.tmp", ".metrics.json.fedcba9876543210fedcba9876543210.shapesafe-tmp"];
        string[] others = ["last.ckpt", "metrics.json.tmp", ".last.ckpt.0123.tmp", ".x.0123456789ABCDEF0123456789ABCDEF.tmp", "notes.shapesafe-tmp"];
        foreach (var name in ours.Concat(others))
        {
            File.WriteAllText(Path.Combine(_folder, name), "x");
        }

        var link = ".best.ckpt.00000000000000000000000000000000.tmp";
        File.CreateSymbolicLink(Path.Combine(_folder, link), victim);
        Directory.CreateDirectory(Path.Combine(_folder, ".dir.11111111111111111111111111111111.tmp"));

        var removed = StaleTemporaries.Remove(_folder);

        Assert.Equal(ours.Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal));
        Assert.All(others, name => Assert.True(File.Exists(Path.Combine(_folder, name)), name));
        Assert.NotNull(new FileInfo(Path.Combine(_folder, link)).LinkTarget);
        Assert.Equal("keep me", File.ReadAllText(victim));
        Assert.True(Directory.Exists(Path.Combine(_folder, ".dir.11111111111111111111111111111111.tmp")));
    }

    [Fact]
    public void AtomicFileTemporariesMatchThePattern()
    {
        string? seen = null;
        AtomicFile.Write(Path.Combine(_folder, "m.json"), _ => seen = Directory.GetFiles(_folder).Single());

        Assert.True(StaleTemporaries.Matches(Path.GetFileName(seen!)), seen);
        Assert.Empty(StaleTemporaries.Remove(Path.Combine(_folder, "missing")));
    }
}
