using System.Text;
using ShapeSafe.Torch.Native;

namespace ShapeSafe.Tests.Native;

public sealed class CpuLoadDiagnosisTests
{
    private const string Misleading = "This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64";

    [Fact]
    public void AnUnpatchedWrapperIsExplainedByItsGlibcxxNeed()
    {
        using var folder = new TempFolder();
        File.Copy(UnpatchedWrapper(), Path.Combine(folder.Path, "libLibTorchSharp.so"));
        foreach (var library in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
        {
            File.WriteAllText(Path.Combine(folder.Path, library), string.Empty);
        }

        var oldLibStdCxx = Path.Combine(folder.Path, "libstdc++.so.6");
        var allButTheNewest = ElfVersionNeeds.Read(UnpatchedWrapper(), "libstdc++.so.6").Where(n => n.Version != "GLIBCXX_3.4.32");
        File.WriteAllBytes(oldLibStdCxx, Encoding.ASCII.GetBytes(string.Concat(allButTheNewest.Select(n => n.Version + "\0"))));

        var message = CpuLoadDiagnosis.Explain([folder.Path], oldLibStdCxx, Misleading);

        Assert.Equal($"{folder.Path}/libLibTorchSharp.so needs GLIBCXX_3.4.32, which {oldLibStdCxx} lacks; rebuild with `dotnet build` "
            + "(the build marks that need weak, since TorchSharp never calls the symbol behind it) or install a newer libstdc++", message);
    }

    [Fact]
    public void AMissingWrapperIsNamed()
    {
        using var folder = new TempFolder();

        var message = CpuLoadDiagnosis.Explain([folder.Path], null, Misleading);

        Assert.StartsWith($"libLibTorchSharp.so is not in {folder.Path}: TorchSharp's native files were not copied", message);
    }

    [Fact]
    public void AMissingCpuLibTorchIsNamed()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "libLibTorchSharp.so"), string.Empty);
        File.WriteAllText(Path.Combine(folder.Path, "libc10.so"), string.Empty);

        var message = CpuLoadDiagnosis.Explain([folder.Path], null, Misleading);

        Assert.StartsWith($"libtorch_cpu.so, libtorch.so are not in {folder.Path}: this build carries no CPU libtorch", message);
    }

    [Fact]
    public void AFileTheLoaderRefusesIsReportedWithTheLoadersText()
    {
        using var folder = new TempFolder();
        foreach (var library in new[] { "libLibTorchSharp.so", "libc10.so", "libtorch_cpu.so", "libtorch.so" })
        {
            File.WriteAllText(Path.Combine(folder.Path, library), new string('x', 256));
        }

        var message = CpuLoadDiagnosis.Explain([folder.Path], null, Misleading);

        Assert.StartsWith($"the loader refused {folder.Path}/libc10.so: ", message);
        Assert.EndsWith($"{folder.Path}/libc10.so: invalid ELF header", message);
        Assert.DoesNotContain("strace", message);
    }

    [Fact]
    public void TheBuildLeavesNoUnmetGlibcxxNeedInTheCopiedWrapper()
    {
        var wrapper = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var system = NativeFiles.SystemLibStdCxx();
        Assert.NotNull(system);

        var needs = ElfVersionNeeds.Read(wrapper, "libstdc++.so.6");

        Assert.Contains(needs, n => n.Version == "GLIBCXX_3.4.32");
        Assert.All(needs.Where(n => !ElfVersionNeeds.Defines(system, n.Version)), n => Assert.True(n.Weak, n.Version));
    }

    [Fact]
    public void ThePackagedWrapperAsksForGlibcxx3432Strongly()
    {
        var needs = ElfVersionNeeds.Read(UnpatchedWrapper(), "libstdc++.so.6");

        Assert.Contains(new ElfVersionNeeds.Need("GLIBCXX_3.4.32", Weak: false), needs);
    }

    /// <summary>The wrapper as TorchSharp's package ships it, before the build's patch.</summary>
    private static string UnpatchedWrapper()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"TorchSharp's package is not restored at {path}");
        return path;
    }
}
