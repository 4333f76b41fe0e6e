using ShapeSafe.IO;

namespace ShapeSafe.Tests.IO;

public sealed class WritableFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shapesafe-writable").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, Func<string, string>, string> BadFolders => new()
    {
        { "a file", f => Touch(Path.Combine(f, "file")), ": is a file, not a folder" },
        { "under a file", f => Path.Combine(Touch(Path.Combine(f, "file")), "run"), "is a file, so no folder can be made under it" },
        { "a dangling link", f => Link(Path.Combine(f, "link"), Path.Combine(f, "nowhere")), "which does not exist" },
        { "too long", f => Path.Combine(f, string.Join('/', Enumerable.Repeat(new string('d', 200), 25))), "the path is too long" },
        { "a name too long", f => Path.Combine(f, new string('n', 300)), "is too long (300 bytes, at most 255)" },
        { "in /proc", _ => "/proc/shapesafe-out", "/proc/shapesafe-out: cannot be written" },
        { "a NUL", f => Path.Combine(f, "a\0b"), "a path cannot hold a NUL character" },
    };

    [Theory]
    [MemberData(nameof(BadFolders))]
    public void ABadFolderIsNamedWithItsProblemAndNothingIsLeftBehind(string name, Func<string, string> make, string problem)
    {
        var path = make(_folder);
        var before = Directory.GetFileSystemEntries(_folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

        var found = WritableFolder.Problem(path);

        Assert.True(found is not null, name);
        Assert.Contains(problem, found, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFileSystemEntries(_folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AReadOnlyFolderCannotBeWrittenUnlessRunAsRoot()
    {
        var locked = Directory.CreateDirectory(Path.Combine(_folder, "locked")).FullName;
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var problem = WritableFolder.Problem(Path.Combine(locked, "run"));
            if (Environment.UserName != "root")
            {
                Assert.StartsWith($"{Path.Combine(locked, "run")}: cannot be written (", problem, StringComparison.Ordinal);
            }

            Assert.False(Directory.Exists(Path.Combine(locked, "run")));
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void ANewNestedFolderIsUsableAndNotCreatedByTheCheck()
    {
        var path = Path.Combine(_folder, "a", "b", "c");

        Assert.Null(WritableFolder.Problem(path));
        Assert.Null(WritableFolder.Problem(_folder));
        Assert.False(Directory.Exists(Path.Combine(_folder, "a")));
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    private static string Touch(string path)
    {
        File.WriteAllText(path, "x");
        return path;
    }

    private static string Link(string path, string target)
    {
        File.CreateSymbolicLink(path, target);
        return path;
    }
}
