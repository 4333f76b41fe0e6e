using System.Runtime.InteropServices;

namespace ShapeSafe.Torch.Native;

/// <summary>
/// Turns off libtorch's oneDNN (MKLDNN) CPU backend, as <c>torch.backends.mkldnn.enabled = False</c> does. The libtorch
/// 2.10 bundled with TorchSharp computes float32 convolutions wrongly through oneDNN on some CPUs (an AMD EPYC: a Conv1d
/// with 25 input channels off by 0.25 on outputs near 1, a ConvTranspose2d on a 1x1 input off by 0.03, so models such as
/// tcn_chomp and dcgan_generator differed from PyTorch); float64 and libtorch's own kernels are right. TorchSharp has no
/// switch for it, so this calls <c>at::globalContext().setUserEnabledMkldnn(false)</c> in the libtorch_cpu already loaded
/// (never a second copy). Convolutions then take libtorch's native im2col + BLAS path.
/// </summary>
internal static class OneDnnSwitch
{
    private const string Library = "libtorch_cpu.so";
    private static readonly Lock Gate = new();
    private static bool _done;

    private delegate IntPtr GlobalContext();

    private delegate void SetEnabled(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    /// <summary>
    /// Turns oneDNN off once per process, after libtorch is loaded; false where the loaded libtorch_cpu or its entry
    /// points are not found (then the libtorch default stays).
    /// </summary>
    public static bool EnsureOff()
    {
        lock (Gate)
        {
            if (_done)
            {
                return true;
            }

            var folder = NativeFiles.LoadedFrom(Library);
            if (folder is null || !NativeLibrary.TryLoad(Path.Combine(folder, Library), out var handle))
            {
                return false;
            }

            if (!NativeLibrary.TryGetExport(handle, "_ZN2at13globalContextEv", out var context)
                || !NativeLibrary.TryGetExport(handle, "_ZN2at7Context20setUserEnabledMkldnnEb", out var set))
            {
                return false;
            }

            var ctx = Marshal.GetDelegateForFunctionPointer<GlobalContext>(context)();
            Marshal.GetDelegateForFunctionPointer<SetEnabled>(set)(ctx, false);
            _done = true;
            return true;
        }
    }
}
