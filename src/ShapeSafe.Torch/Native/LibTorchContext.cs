using System.Runtime.InteropServices;

namespace ShapeSafe.Torch.Native;

/// <summary>
/// The libtorch_cpu already loaded in this process (never a second copy) and its <c>at::globalContext()</c>: where the
/// backend switches that TorchSharp does not expose are set, as <c>torch.backends.*.enabled = ...</c> does in PyTorch.
/// </summary>
internal sealed class LibTorchContext
{
    private const string Library = "libtorch_cpu.so";

    private LibTorchContext(string path, IntPtr handle, IntPtr context)
    {
        Path = path;
        Handle = handle;
        Context = context;
    }

    private delegate IntPtr GlobalContext();

    private delegate void SetEnabled(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    /// <summary>The file libtorch_cpu was loaded from.</summary>
    public string Path { get; }

    /// <summary>The library's handle (for exported symbols).</summary>
    public IntPtr Handle { get; }

    /// <summary>The <c>at::Context</c> object.</summary>
    public IntPtr Context { get; }

    /// <summary>The loaded libtorch_cpu and its global context, or null when it is not loaded or has no such entry point.</summary>
    public static LibTorchContext? Find()
    {
        var folder = NativeFiles.LoadedFrom(Library);
        var path = folder is null ? null : System.IO.Path.Combine(folder, Library);
        if (path is null || !NativeLibrary.TryLoad(path, out var handle) || !NativeLibrary.TryGetExport(handle, "_ZN2at13globalContextEv", out var global))
        {
            return null;
        }

        return new LibTorchContext(path, handle, Marshal.GetDelegateForFunctionPointer<GlobalContext>(global)());
    }

    /// <summary>Calls the context's setter <paramref name="symbol"/> (an <c>at::Context::setUserEnabled*(bool)</c>); false where it is not exported.</summary>
    public bool Set(string symbol, bool enabled)
    {
        if (!NativeLibrary.TryGetExport(Handle, symbol, out var setter))
        {
            return false;
        }

        Marshal.GetDelegateForFunctionPointer<SetEnabled>(setter)(Context, enabled);
        return true;
    }
}
