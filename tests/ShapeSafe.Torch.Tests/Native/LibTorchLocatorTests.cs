using ShapeSafe.Torch.Native;

namespace ShapeSafe.Tests.Native;

public sealed class LibTorchLocatorTests
{
    [Fact]
    public void TheOptionWinsOverTheEnvironment()
    {
        var location = LibTorchLocator.Locate("/opt/a/torch/lib", _ => "/opt/b/torch/lib", "shapesafe-no-such-python3");

        Assert.Equal("/opt/a/torch/lib", location.Folder);
        Assert.Equal("the --libtorch option", location.Source);
    }

    [Fact]
    public void TheEnvironmentVariableIsUsedWhenNoOptionIsGiven()
    {
        var location = LibTorchLocator.Locate(null, name => name == "SHAPESAFE_LIBTORCH" ? "/opt/b/torch/lib" : null, "shapesafe-no-such-python3");

        Assert.Equal("/opt/b/torch/lib", location.Folder);
        Assert.Equal("the SHAPESAFE_LIBTORCH environment variable", location.Source);
    }

    [Fact]
    public void ATorchPackageFolderIsTakenToItsLibFolder()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "lib"));
        File.WriteAllText(Path.Combine(folder.Path, "lib", "libc10.so"), string.Empty);

        Assert.Equal(Path.Combine(folder.Path, "lib"), LibTorchLocator.Locate(folder.Path, _ => null, "shapesafe-no-such-python3").Folder);
    }

    [Fact]
    public void PythonsTorchIsFoundWhenNothingElseIsGiven()
    {
        using var folder = new TempFolder();
        var python = FakePython(folder, "echo /opt/py/site-packages/torch");

        var location = LibTorchLocator.Locate(null, _ => null, python);

        Assert.Equal("/opt/py/site-packages/torch", location.Folder);
        Assert.Contains("torch is at /opt/py/site-packages/torch", location.Tried[^1]);
    }

    [Fact]
    public void APythonWithoutTorchIsReportedInItsOwnWords()
    {
        using var folder = new TempFolder();
        var python = FakePython(folder, "echo \"ModuleNotFoundError: No module named 'torch'\" >&2; exit 1");

        var location = LibTorchLocator.Locate(null, _ => null, python);

        Assert.False(location.Found);
        Assert.Equal(["SHAPESAFE_LIBTORCH: not set", $"{python} -c \"import torch\": ModuleNotFoundError: No module named 'torch'"], location.Tried);
    }

    private static string FakePython(TempFolder folder, string body)
    {
        var path = Path.Combine(folder.Path, "python3");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
