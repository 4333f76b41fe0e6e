using ShapeSafe.Interop;
using ShapeSafe.Torch.Checkpoints;
using TorchSharp.PyBridge;

namespace ShapeSafe.Torch.Interop;

/// <summary>
/// <c>shapesafe export</c>'s work: a checkpoint's weights as a PyTorch state_dict (every parameter and buffer under
/// PyTorch's key names: <c>conv1.weight</c>, <c>bn1.running_mean</c>, <c>bn1.num_batches_tracked</c>), in torch.save's
/// format (via TorchSharp.PyBridge's save_py, loadable with torch.load) or as safetensors. The file is written
/// atomically: to a uniquely named temporary file created exclusively in the target's folder, then renamed.
/// </summary>
public static class ExportService
{
    public static ExportResult Export(string checkpointPath, WeightsFormat format, string outputPath)
    {
        var source = ModelSources.Resolve(checkpointPath);
        if (source.Checkpoint is not { } checkpoint)
        {
            throw new ModelSourceException(checkpointPath, "is a model file; export takes a checkpoint (written by train or import), whose weights it exports");
        }

        using var model = CheckpointModel.LoadModule(checkpoint);
        var tensors = StateDicts.Expected(model);
        var full = Path.GetFullPath(outputPath);
        var folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new ModelSourceException(outputPath, $"cannot be written: the folder {folder} does not exist");
        }

        try
        {
            ShapeSafe.IO.AtomicFile.Write(outputPath, stream =>
            {
                if (format == WeightsFormat.Safetensors)
                {
                    model.save_safetensors(stream, skip: null, leaveOpen: true);
                }
                else
                {
                    model.save_py(stream, skip: null, leaveOpen: true);
                }
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelSourceException(outputPath, $"cannot be written ({e.Message})", e);
        }

        return new ExportResult(outputPath, format, tensors);
    }
}
