namespace ShapeSafe.Torch.Native;

/// <summary>
/// Decides, once per process, whether libtorch's oneDNN (MKLDNN) CPU backend stays on. The libtorch 2.10 bundled with
/// TorchSharp computes some float32 convolutions wrongly through oneDNN on a virtual machine that hides the CPU's cache
/// topology (an AMD EPYC: a Conv1d with 25 input channels off by 0.25, a ConvTranspose2d on a 1x1 input by 0.03), because
/// its Xbyak then believes every cache holds one byte. <see cref="OneDnnCacheRepair"/> writes the real sizes in; then
/// <see cref="OneDnnProbe"/> checks a few float32 convolutions against float64, and only if they agree does oneDNN stay
/// on. Otherwise (or with <c>SHAPESAFE_ONEDNN=off</c>) this calls <c>at::globalContext().setUserEnabledMkldnn(false)</c>,
/// as <c>torch.backends.mkldnn.enabled = False</c> does, and convolutions take libtorch's own im2col + BLAS path.
/// </summary>
internal static class OneDnnSwitch
{
    /// <summary>The environment variable that turns oneDNN off (<c>off</c>) instead of the automatic check (<c>auto</c>).</summary>
    public const string Variable = "SHAPESAFE_ONEDNN";

    private const string SetMkldnn = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private const string SetNnpack = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static readonly Lock Gate = new();
    private static OneDnnState? _state;

    /// <summary>The decision taken for this process, or null before <see cref="Configure"/> ran.</summary>
    public static OneDnnState? State
    {
        get
        {
            lock (Gate)
            {
                return _state;
            }
        }
    }

    /// <summary>
    /// Sets oneDNN on or off once per process, after libtorch is loaded, and returns the decision. Where the loaded
    /// libtorch_cpu or its entry points are not found, libtorch's default stays and the state says so. NNPACK is turned
    /// off too (as <c>torch.backends.nnpack.enabled = False</c>): libtorch prefers oneDNN, and on CPUs NNPACK does not
    /// support its availability check prints "Could not initialize NNPACK!" on stderr for every convolution shape.
    /// </summary>
    public static OneDnnState Configure()
    {
        lock (Gate)
        {
            return _state ??= Decide();
        }
    }

    private static OneDnnState Decide()
    {
        if (LibTorchContext.Find() is not { } libtorch || !libtorch.Set(SetMkldnn, true))
        {
            return new OneDnnState(true, "libtorch_cpu's oneDNN switch was not found; libtorch's default is kept");
        }

        libtorch.Set(SetNnpack, false);
        var setting = Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant();
        if (setting == "off")
        {
            libtorch.Set(SetMkldnn, false);
            return new OneDnnState(false, $"{Variable}=off");
        }

        var cache = OneDnnCacheRepair.Run(libtorch.Path, libtorch.Handle) switch
        {
            OneDnnCacheRepair.Outcome.Repaired => "cache sizes hidden by the machine were written in",
            OneDnnCacheRepair.Outcome.NotNeeded => "cache sizes as reported",
            _ => "cache sizes not checked",
        };
        var error = OneDnnProbe.WorstRelativeError();
        if (error <= OneDnnProbe.Tolerance)
        {
            return new OneDnnState(true, $"oneDNN on: float32 convolutions agree with float64 ({cache})");
        }

        libtorch.Set(SetMkldnn, false);
        return new OneDnnState(false, $"oneDNN off: its float32 convolutions differ from float64 by {error:0.###e+0} of their magnitude on this CPU ({cache})");
    }
}
