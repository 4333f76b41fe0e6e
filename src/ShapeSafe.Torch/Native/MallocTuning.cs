using System.Runtime.InteropServices;

namespace ShapeSafe.Torch.Native;

/// <summary>
/// Keeps the memory of freed tensors in the process for the next step, instead of handing it back to the kernel. libtorch
/// allocates CPU tensors with glibc's malloc, which serves blocks above 32 MiB (the largest threshold it accepts) with
/// their own mmap and unmaps them on free, and trims the heap's top: a training or inference step that makes a 33 MiB
/// activation (the seed model's first convolution at batch 128) then faults every page in again at every step. On a
/// virtual machine that reports freed pages to its host, those faults cost more than the arithmetic (the seed model's
/// inference ran 8 times slower, with 10 times the page faults). This sets <c>mallopt(M_MMAP_MAX, 0)</c> (every block
/// from the heap, where a free keeps it) and <c>mallopt(M_TRIM_THRESHOLD, 2 GiB - 1)</c>, as PyTorch's CUDA caching
/// allocator keeps its blocks: the process keeps its peak memory until it exits. <c>SHAPESAFE_MALLOC=default</c> leaves
/// glibc's defaults.
/// </summary>
internal static class MallocTuning
{
    /// <summary>The environment variable that keeps glibc's defaults (<c>default</c>).</summary>
    public const string Variable = "SHAPESAFE_MALLOC";

    private const int TrimThreshold = -1;
    private const int MmapMax = -4;
    private static readonly Lock Gate = new();
    private static bool? _applied;

    /// <summary>True once <see cref="Apply"/> has put the settings in force.</summary>
    public static bool Applied
    {
        get
        {
            lock (Gate)
            {
                return _applied == true;
            }
        }
    }

    /// <summary>Applies the settings once per process (Linux with glibc only); true when they are in force.</summary>
    public static bool Apply()
    {
        lock (Gate)
        {
            return _applied ??= Set();
        }
    }

    private static bool Set()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant() == "default")
        {
            return false;
        }

        try
        {
            return Mallopt(MmapMax, 0) == 1 && Mallopt(TrimThreshold, int.MaxValue) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
