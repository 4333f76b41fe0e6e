using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Inference;

/// <summary>
/// A checkpoint's model (a model file or Python source) rebuilt, with its weights, in eval mode on the requested device: what evaluate
/// and predict share. Dispose it to free the module's native memory.
/// </summary>
public sealed class LoadedModel : IDisposable
{
    private LoadedModel(Checkpoint checkpoint, nn.Module<Tensor, Tensor> module, torch.Device device, string deviceDescription)
    {
        Checkpoint = checkpoint;
        Module = module;
        Device = device;
        DeviceDescription = deviceDescription;
    }

    public Checkpoint Checkpoint { get; }

    public CheckpointMeta Meta => Checkpoint.Meta;

    /// <summary>The model: a model file's <c>Sequential</c> or a Python model's <c>GraphModule</c>.</summary>
    public nn.Module<Tensor, Tensor> Module { get; }

    public torch.Device Device { get; }

    /// <summary>The device in words (cpu, or the CUDA device and its libtorch).</summary>
    public string DeviceDescription { get; }

    /// <summary>
    /// Initializes <paramref name="device"/>, rebuilds <paramref name="checkpoint"/>'s model and moves it
    /// there. Throws <see cref="DeviceUnavailableException"/> (device) or <see cref="CheckpointException"/> (model).
    /// </summary>
    public static LoadedModel Load(Checkpoint checkpoint, DeviceRequest? device = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var selection = (device ?? DeviceRequest.Cpu).Initialize();
        var module = CheckpointModel.LoadModule(checkpoint);
        try
        {
            module.to(selection.Device!);
        }
        catch
        {
            module.Dispose();
            throw;
        }

        return new LoadedModel(checkpoint, module, selection.Device!, selection.Description!);
    }

    /// <summary>Reads the checkpoint file, then <see cref="Load(Checkpoint, DeviceRequest?)"/>.</summary>
    public static LoadedModel Load(string checkpointPath, DeviceRequest? device = null) => Load(CheckpointFile.Read(checkpointPath), device);

    public void Dispose() => Module.Dispose();
}
