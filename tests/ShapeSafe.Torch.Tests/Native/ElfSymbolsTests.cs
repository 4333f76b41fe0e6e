using System.Runtime.InteropServices;
using ShapeSafe.Torch.Native;

namespace ShapeSafe.Tests.Native;

public sealed class ElfSymbolsTests
{
    private const string GlobalContext = "_ZN2at13globalContextEv";
    private const string SetMkldnn = "_ZN2at7Context20setUserEnabledMkldnnEb";

    /// <summary>
    /// Two exported functions of the loaded libtorch_cpu: their distance in the .symtab equals their distance in memory
    /// (dlsym), so the values read are the link-time addresses; a local-only symbol (oneDNN's cpu()) is found too.
    /// </summary>
    [Fact]
    public void ReadsLinkTimeAddressesIncludingLocalSymbols()
    {
        NativeRuntime.RequireCpu();
        var path = Path.Combine(NativeFiles.LoadedFrom("libtorch_cpu.so")!, "libtorch_cpu.so");
        const string local = "_ZN4dnnl4impl3cpu3x643cpuEv";
        var symbols = ElfSymbols.Find(path, [GlobalContext, SetMkldnn, local, "no_such_symbol_anywhere"]);
        Assert.Equal(3, symbols.Count);
        Assert.True(NativeLibrary.TryLoad(path, out var handle));
        var (a, b) = (NativeLibrary.GetExport(handle, GlobalContext), NativeLibrary.GetExport(handle, SetMkldnn));
        Assert.Equal((long)b - (long)a, (long)symbols[SetMkldnn] - (long)symbols[GlobalContext]);
        Assert.False(NativeLibrary.TryGetExport(handle, local, out _));
    }

    public static TheoryData<string, byte[]> NotElf => new()
    {
        { "text", "import torch\n"u8.ToArray() },
        { "empty", [] },
        { "elf magic only", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0] },
        { "32-bit ELF header", [0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 1, 1, 0, .. new byte[56]] },
        { "section table past the end", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[32], 0xFF, 0xFF, 0xFF, 0x0F, 0, 0, 0, 0, .. new byte[10], 64, 0, 5, 0, 0, 0] },
    };

    [Theory]
    [MemberData(nameof(NotElf))]
    public void FilesThatAreNotUsableElfGiveNoSymbols(string name, byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"shapesafe-elf-{Guid.NewGuid():N}.so");
        File.WriteAllBytes(path, content);
        try
        {
            Assert.True(ElfSymbols.Find(path, [GlobalContext]).Count == 0, name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AMissingFileGivesNoSymbols() =>
        Assert.Empty(ElfSymbols.Find(Path.Combine(Path.GetTempPath(), $"shapesafe-missing-{Guid.NewGuid():N}.so"), [GlobalContext]));
}
