using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace ShapeSafe.Torch.Native;

/// <summary>
/// Gives libtorch's oneDNN real cache sizes where a virtual machine hides them. The Xbyak bundled with libtorch 2.10's
/// oneDNN reads an AMD CPU's caches from CPUID leaf 0x8000001D only; a hypervisor that zeroes that leaf leaves it with
/// three levels of 1-byte caches, and oneDNN's blocking then computes some float32 convolutions wrongly (channel counts
/// that need padding, transposed convolutions). This finds oneDNN's <c>Xbyak::util::Cpu</c> object through libtorch_cpu's
/// symbol table, checks its layout against oneDNN's own <c>platform::get_per_core_cache_size</c>, and writes the sizes
/// the CPU reports in its legacy leaves 0x80000005/0x80000006. Nothing is written unless every check holds.
/// </summary>
internal static class OneDnnCacheRepair
{
    private const string CpuFunction = "_ZN4dnnl4impl3cpu3x643cpuEv";
    private const string PerCoreCacheSize = "_ZN4dnnl4impl3cpu8platform23get_per_core_cache_sizeEi";
    private const string Anchor = "_ZN2at13globalContextEv";

    // Xbyak::util::Cpu as laid out in libtorch 2.10 (checked at run time against get_per_core_cache_size).
    private const int SizesOffset = 0x1c;
    private const int SharingOffset = 0x44;
    private const int LevelsOffset = 0x6c;
    private const int MaxLevels = 10;

    private delegate IntPtr CpuObject();

    private delegate uint CacheSize(int level);

    /// <summary>What the repair found and did.</summary>
    public enum Outcome
    {
        /// <summary>oneDNN already sees real cache sizes: nothing to do.</summary>
        NotNeeded,

        /// <summary>oneDNN saw 1-byte caches; the CPU's legacy cache leaves were written in.</summary>
        Repaired,

        /// <summary>The library, its symbols or the object's layout are not the known ones: nothing was written.</summary>
        Unavailable,
    }

    /// <summary>Checks, and where needed repairs, the cache sizes of the libtorch_cpu loaded from <paramref name="library"/>.</summary>
    public static Outcome Run(string library, IntPtr handle)
    {
        if (!X86Base.IsSupported || !OperatingSystem.IsLinux())
        {
            return Outcome.Unavailable;
        }

        if (!HidesCacheTopology())
        {
            return Outcome.NotNeeded;
        }

        var symbols = ElfSymbols.Find(library, [CpuFunction, PerCoreCacheSize, Anchor]);
        if (symbols.Count != 3 || !NativeLibrary.TryGetExport(handle, Anchor, out var anchor))
        {
            return Outcome.Unavailable;
        }

        var bias = (long)anchor - (long)symbols[Anchor];
        var cpu = Marshal.GetDelegateForFunctionPointer<CpuObject>((IntPtr)((long)symbols[CpuFunction] + bias))();
        var perCore = Marshal.GetDelegateForFunctionPointer<CacheSize>((IntPtr)((long)symbols[PerCoreCacheSize] + bias));
        var levels = Marshal.ReadInt32(cpu, LevelsOffset);
        if (levels is < 1 or > MaxLevels || !LayoutAgrees(cpu, levels, perCore))
        {
            return Outcome.Unavailable;
        }

        if (Enumerable.Range(0, levels).All(i => Size(cpu, i) >= 1024))
        {
            return Outcome.NotNeeded;
        }

        var reported = LegacyCacheSizes();
        if (reported is null || levels != 3)
        {
            return Outcome.Unavailable;
        }

        for (var i = 0; i < 3; i++)
        {
            Marshal.WriteInt32(cpu, SizesOffset + (4 * i), (int)reported[i].Size);
            Marshal.WriteInt32(cpu, SharingOffset + (4 * i), (int)reported[i].Sharing);
        }

        return LayoutAgrees(cpu, levels, perCore) && perCore(1) == reported[0].Size ? Outcome.Repaired : Outcome.Unavailable;
    }

    /// <summary>
    /// An AMD CPU whose leaf 0x8000001D (cache topology) reads as zeros: where Xbyak computes 1-byte caches. Only then is
    /// libtorch_cpu's symbol table read (a few hundred milliseconds).
    /// </summary>
    private static bool HidesCacheTopology()
    {
        var vendor = X86Base.CpuId(0, 0);
        var amd = vendor.Ebx == 0x68747541 && vendor.Edx == 0x69746E65 && vendor.Ecx == 0x444D4163;
        var l1 = X86Base.CpuId(unchecked((int)0x8000001D), 0);
        return amd && l1.Ebx == 0 && l1.Ecx == 0;
    }

    private static uint Size(IntPtr cpu, int level) => (uint)Marshal.ReadInt32(cpu, SizesOffset + (4 * level));

    /// <summary>oneDNN's per-core size of every level equals size / sharing read at the offsets assumed here.</summary>
    private static bool LayoutAgrees(IntPtr cpu, int levels, CacheSize perCore) =>
        Enumerable.Range(0, levels).All(i =>
        {
            var sharing = (uint)Marshal.ReadInt32(cpu, SharingOffset + (4 * i));
            return sharing > 0 && perCore(i + 1) == Size(cpu, i) / sharing;
        });

    /// <summary>
    /// L1 data, L2 and L3 sizes from AMD's legacy CPUID leaves (0x80000005 ECX[31:24] KiB, 0x80000006 ECX[31:16] KiB and
    /// EDX[31:18] x 512 KiB), the L3 shared by the logical processors of leaf 1; null where they are not reported.
    /// </summary>
    private static (uint Size, uint Sharing)[]? LegacyCacheSizes()
    {
        if ((uint)X86Base.CpuId(unchecked((int)0x80000000), 0).Eax < 0x80000006)
        {
            return null;
        }

        var l1 = ((uint)X86Base.CpuId(unchecked((int)0x80000005), 0).Ecx >> 24) * 1024u;
        var leaf6 = X86Base.CpuId(unchecked((int)0x80000006), 0);
        var l2 = ((uint)leaf6.Ecx >> 16) * 1024u;
        var l3 = (ulong)((uint)leaf6.Edx >> 18) * 512 * 1024;
        var logical = Math.Max(1u, ((uint)X86Base.CpuId(1, 0).Ebx >> 16) & 0xff);
        if (l1 == 0 || l2 == 0)
        {
            return null;
        }

        // The L3 may exceed 4 GiB / sharing only in theory; store it per sharing processor where it does not fit.
        var (l3Size, l3Sharing) = l3 == 0 ? (l2, 1u) : l3 <= uint.MaxValue ? ((uint)l3, logical) : ((uint)(l3 / logical), 1u);
        return [(l1, 1), (l2, 1), (l3Size, l3Sharing)];
    }
}
