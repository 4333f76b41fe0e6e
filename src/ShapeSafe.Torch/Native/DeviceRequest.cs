namespace ShapeSafe.Torch.Native;

/// <summary>The device a service runs on: cpu, cuda or cuda:N, and for CUDA the folder of its libtorch (null: SHAPESAFE_LIBTORCH, else python3's torch).</summary>
public sealed record DeviceRequest(string Device = "cpu", string? LibTorch = null)
{
    public static DeviceRequest Cpu { get; } = new();

    /// <summary>Initializes the device; a <see cref="DeviceUnavailableException"/> says why it cannot be used.</summary>
    public DeviceSelection Initialize()
    {
        var selection = NativeRuntime.Initialize(Device, LibTorch);
        return selection.Succeeded ? selection : throw new DeviceUnavailableException(selection.Failure!);
    }
}
