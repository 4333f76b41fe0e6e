namespace ShapeSafe.Torch.Native;

/// <summary>
/// Explains why TorchSharp's CPU backend did not load. TorchSharp itself reports any failure as a
/// missing reference to libtorch-cpu-linux-x64, which is rarely the cause: this looks at the files
/// and asks the loader, so the message names the real cause and the file.
/// </summary>
internal static class CpuLoadDiagnosis
{
    private static readonly string[] CpuLibraries = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    /// <summary>The cause in plain words, looking in <paramref name="folders"/> and checking against <paramref name="systemLibStdCxx"/>.</summary>
    public static string Explain(IReadOnlyList<string> folders, string? systemLibStdCxx, string torchSharpMessage)
    {
        var where = string.Join(" and ", folders);
        var wrapper = NativeFiles.Find(folders, NativeFiles.LibTorchSharp);
        if (wrapper is null)
        {
            return $"{NativeFiles.LibTorchSharp} is not in {where}: TorchSharp's native files were not copied next to the program; rebuild it with `dotnet build` (or publish it again)";
        }

        var folder = Path.GetDirectoryName(wrapper)!;
        var missing = CpuLibraries.Where(l => NativeFiles.Find(folders, l) is null).ToList();
        if (missing.Count > 0)
        {
            return $"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not in {where}: this build carries no CPU libtorch (built with ShapeSafeNoLibTorch=true?); "
                + "rebuild with `dotnet build`, or use --device cuda with the libtorch of a PyTorch install (--libtorch or SHAPESAFE_LIBTORCH)";
        }

        if (systemLibStdCxx is not null)
        {
            var lacking = ElfVersionNeeds.Read(wrapper, "libstdc++.so.6")
                .Where(n => !n.Weak && !ElfVersionNeeds.Defines(systemLibStdCxx, n.Version))
                .Select(n => n.Version)
                .ToList();
            if (lacking.Count > 0)
            {
                return $"{wrapper} needs {string.Join(", ", lacking)}, which {systemLibStdCxx} lacks; rebuild with `dotnet build` "
                    + "(the build marks that need weak, since TorchSharp never calls the symbol behind it) or install a newer libstdc++";
            }
        }

        foreach (var library in CpuLibraries.Append(NativeFiles.LibTorchSharp))
        {
            var path = NativeFiles.Find(folders, library)!;
            if (NativeFiles.TryLoad(path) is { } loaderError)
            {
                return $"the loader refused {path}: {loaderError}";
            }
        }

        var first = torchSharpMessage.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? torchSharpMessage;
        return $"the native libraries in {folder} load, but TorchSharp could not start its CPU backend: {first}";
    }
}
