using TorchSharp;

namespace ShapeSafe.Torch.Native;

/// <summary>
/// The outcome of <see cref="NativeRuntime.Initialize(string, string?)"/>: a usable torch device with a
/// one-line description of where libtorch came from, or a failure message in plain words for the CLI to print.
/// </summary>
public sealed record DeviceSelection
{
    private DeviceSelection(torch.Device? device, string? description, string? failure)
    {
        Device = device;
        Description = description;
        Failure = failure;
    }

    /// <summary>The device, when initialization succeeded.</summary>
    public torch.Device? Device { get; }

    /// <summary>What was initialized, e.g. "cpu (libtorch bundled with ShapeSafe)"; null on failure.</summary>
    public string? Description { get; }

    /// <summary>Why the device cannot be used, naming what was tried; null on success.</summary>
    public string? Failure { get; }

    public bool Succeeded => Failure is null;

    /// <summary>The process exit code a CLI should use for this outcome (0 on success).</summary>
    public int ExitCode => Succeeded ? 0 : 3;

    public static DeviceSelection Ok(torch.Device device, string description) => new(device, description, null);

    public static DeviceSelection Fail(string failure) => new(null, null, failure);

    /// <summary>The device, or a <see cref="NativeLoadException"/> carrying the failure message.</summary>
    public torch.Device RequireDevice() => Device ?? throw new NativeLoadException(Failure!);
}
