using System.Globalization;
using TorchSharp;

namespace ShapeSafe.Torch.Native;

/// <summary>
/// The one entry point that makes TorchSharp usable on a chosen device. CPU uses the libtorch bundled
/// with the build; CUDA loads the libtorch of a PyTorch 2.x CUDA install (found by
/// <see cref="LibTorchLocator"/>) before TorchSharp's own wrapper. Never throws: a failure comes back
/// as a <see cref="DeviceSelection"/> whose message says what was tried and what to do.
/// </summary>
public static class NativeRuntime
{
    private static readonly Lock Gate = new();
    private static string? _cudaFolder;
    private static bool _cpuReady;

    /// <summary>
    /// Whether libtorch's oneDNN CPU backend is on in this process and why (a start-up check of its float32
    /// convolutions against float64; <c>SHAPESAFE_ONEDNN=off</c> turns it off); null before libtorch is initialized.
    /// </summary>
    public static OneDnnState? OneDnn => OneDnnSwitch.State;

    /// <summary>
    /// Whether freed tensor memory stays in the process for the next step (glibc's mmap and trimming off, set when libtorch
    /// is first initialized; <c>SHAPESAFE_MALLOC=default</c> keeps glibc's defaults).
    /// </summary>
    public static bool KeepsFreedMemory => MallocTuning.Applied;

    /// <summary>Initializes <paramref name="device"/> ("cpu", "cuda" or "cuda:N"); for CUDA, libtorch comes from <paramref name="libTorchPath"/>, else SHAPESAFE_LIBTORCH, else python3's torch.</summary>
    public static DeviceSelection Initialize(string device, string? libTorchPath = null) =>
        Initialize(device, () => LibTorchLocator.Locate(libTorchPath));

    internal static DeviceSelection Initialize(string device, Func<LibTorchLocation> locate)
    {
        MallocTuning.Apply();
        if (!TryParseDevice(device, out var type, out var index))
        {
            return DeviceSelection.Fail(DeviceNameProblem(device)!);
        }

        lock (Gate)
        {
            try
            {
                return type == DeviceType.CPU ? InitializeCpu() : InitializeCuda(index, locate);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return DeviceSelection.Fail($"TorchSharp could not start on {device}: {FirstLine(e.Message)}");
            }
        }
    }

    /// <summary>The CPU device, or a <see cref="NativeLoadException"/> whose message explains the failure. For code that needs tensors and has no way to report.</summary>
    public static torch.Device RequireCpu() => Initialize("cpu").RequireDevice();

    /// <summary>The number of threads libtorch uses for CPU work.</summary>
    public static int Threads => torch.get_num_threads();

    /// <summary>The most CPU threads accepted: the machine's logical cores times 4 (more only thrash, and starting them can bring a machine down).</summary>
    public static int MaxThreads => Environment.ProcessorCount * 4;

    /// <summary>The problem with a thread count (below 1, or above <see cref="MaxThreads"/>), in words; null when it is usable.</summary>
    public static string? ThreadCountProblem(int count) => count < 1
        ? $"the thread count must be at least 1, but got {count}"
        : count > MaxThreads
            ? $"the thread count must be at most {MaxThreads} ({Environment.ProcessorCount} logical cores x 4), but got {count}"
            : null;

    /// <summary>Sets the number of CPU threads libtorch uses (torch.set_num_threads); false with a reason for a count below 1 or when libtorch is not usable.</summary>
    public static bool TrySetThreads(int count, out string? problem)
    {
        if (ThreadCountProblem(count) is { } invalid)
        {
            problem = invalid;
            return false;
        }

        var cpu = Initialize("cpu");
        if (!cpu.Succeeded && _cudaFolder is null)
        {
            problem = cpu.Failure;
            return false;
        }

        torch.set_num_threads(count);
        problem = null;
        return true;
    }

    /// <summary>Why <paramref name="device"/> is not a device name (cpu, cuda, cuda:N), or null when it is one; the CLI checks it while parsing.</summary>
    public static string? DeviceNameProblem(string device) =>
        TryParseDevice(device, out _, out _) ? null : $"unknown device '{device}': use cpu, cuda or cuda:N (N = 0, 1, ...)";

    internal static bool TryParseDevice(string text, out DeviceType type, out int index)
    {
        var device = text.Trim().ToLowerInvariant();
        type = DeviceType.CPU;
        index = 0;
        if (device == "cpu")
        {
            return true;
        }

        type = DeviceType.CUDA;
        if (device == "cuda")
        {
            return true;
        }

        return device.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(device.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static DeviceSelection InitializeCpu()
    {
        var folders = NativeFiles.OutputFolders(AppContext.BaseDirectory);
        if (!_cpuReady)
        {
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
                using var probe = torch.ones(2, 2).matmul(torch.ones(2, 2));
                OneDnnSwitch.Configure();
                _cpuReady = true;
            }
            catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException or InvalidOperationException)
            {
                return DeviceSelection.Fail("TorchSharp cannot run on the CPU: " + CpuLoadDiagnosis.Explain(folders, NativeFiles.SystemLibStdCxx(), e.Message));
            }
        }

        var from = _cudaFolder ?? NativeFiles.LoadedFrom("libtorch_cpu.so") ?? folders[0];
        var oneDnn = OneDnnSwitch.State is { } state ? (state.Enabled ? ", oneDNN on" : ", oneDNN off") : string.Empty;
        return DeviceSelection.Ok(torch.CPU, $"cpu (libtorch from {from}, {torch.get_num_threads()} threads{oneDnn})");
    }

    private static DeviceSelection InitializeCuda(int index, Func<LibTorchLocation> locate)
    {
        if (_cudaFolder is null)
        {
            var location = locate();
            if (LoadCudaLibTorch(location) is { } failure)
            {
                return DeviceSelection.Fail(failure);
            }

            _cudaFolder = location.Folder;
        }

        var count = torch.cuda.device_count();
        if (index >= count)
        {
            return DeviceSelection.Fail($"cuda:{index} does not exist: this machine has {count} CUDA device{(count == 1 ? string.Empty : "s")}"
                + (count > 0 ? $" (cuda:0{(count > 1 ? $" to cuda:{count - 1}" : string.Empty)})" : string.Empty));
        }

        return DeviceSelection.Ok(new torch.Device(DeviceType.CUDA, index), $"cuda:{index} (libtorch from {_cudaFolder})");
    }

    /// <summary>Loads libtorch's CUDA libraries, then TorchSharp's wrapper, then starts CUDA; returns why not, or null.</summary>
    private static string? LoadCudaLibTorch(LibTorchLocation location)
    {
        const string help = "install PyTorch 2.x with CUDA for python3, or pass --libtorch /path/to/site-packages/torch/lib (or set SHAPESAFE_LIBTORCH)";
        if (!location.Found)
        {
            return $"CUDA is not available: no CUDA libtorch was found (tried {string.Join("; ", location.Tried)}); {help}";
        }

        var folder = location.Folder!;
        if (!Directory.Exists(folder))
        {
            return $"CUDA is not available: the libtorch folder {folder} (from {location.Source}) does not exist; {help}";
        }

        var missing = LibTorchLocator.CudaLibraries.Where(l => !File.Exists(Path.Combine(folder, l))).ToList();
        if (missing.Count > 0)
        {
            var cpuOnly = File.Exists(Path.Combine(folder, "libtorch_cpu.so")) && missing.All(m => m.Contains("cuda", StringComparison.Ordinal));
            return cpuOnly
                ? $"CUDA is not available: the libtorch in {folder} (from {location.Source}) is a CPU-only build (no {string.Join(", ", missing)}); install a CUDA build of PyTorch, or use --device cpu"
                : $"CUDA is not available: {folder} (from {location.Source}) lacks {string.Join(", ", missing)}, so it is not the torch/lib folder of a PyTorch 2.x install; {help}";
        }

        var loadedCpu = NativeFiles.LoadedFrom("libtorch_cpu.so");
        if (loadedCpu is not null && !SameFolder(loadedCpu, folder))
        {
            return $"CUDA is not available in this process: it already uses the CPU libtorch from {loadedCpu}, and a second libtorch cannot be loaded beside it; "
                + "choose the CUDA device first, before any other tensor work (run again with --device cuda)";
        }

        foreach (var library in LibTorchLocator.CudaLibraries)
        {
            var path = Path.Combine(folder, library);
            if (NativeFiles.TryLoad(path) is { } error)
            {
                return $"CUDA is not available: the loader refused {path}: {error}";
            }
        }

        var folders = NativeFiles.OutputFolders(AppContext.BaseDirectory);
        var wrapper = NativeFiles.Find(folders, NativeFiles.LibTorchSharp);
        if (wrapper is null)
        {
            return $"CUDA is not available: {NativeFiles.LibTorchSharp} is not in {string.Join(" and ", folders)}; rebuild ShapeSafe with `dotnet build`";
        }

        if (NativeFiles.TryLoad(wrapper) is { } wrapperError)
        {
            return $"CUDA is not available: the loader refused {wrapper}: {wrapperError}";
        }

        try
        {
            torch.InitializeDeviceType(DeviceType.CUDA);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"CUDA is not available: libtorch from {folder} loaded, but CUDA did not start ({FirstLine(e.Message)}); check that an NVIDIA GPU and its driver are present (nvidia-smi)";
        }

        OneDnnSwitch.Configure();
        return torch.cuda.is_available() ? null : $"CUDA is not available: libtorch from {folder} loaded, but it sees no CUDA device; check the NVIDIA driver (nvidia-smi)";
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd('/'), Path.GetFullPath(b).TrimEnd('/'), StringComparison.Ordinal);

    private static string FirstLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
}
