using System.Runtime.InteropServices;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Checkpoints;

/// <summary>A checkpoint read into memory: its metadata, the model file's text, and the saved tensors.</summary>
public sealed class Checkpoint
{
    private readonly byte[] _weights;
    private readonly byte[]? _optimizer;

    internal Checkpoint(string path, CheckpointMeta meta, string modelText, byte[] weights, byte[]? optimizer)
    {
        Path = path;
        Meta = meta;
        ModelText = modelText;
        _weights = weights;
        _optimizer = optimizer;
    }

    public string Path { get; }

    public CheckpointMeta Meta { get; }

    public string ModelText { get; }

    public bool HasOptimizerState => _optimizer is not null;

    /// <summary>True when every part was checked against the checksums stored with it; false for a version 1 checkpoint, written before checksums.</summary>
    public bool IsVerified { get; init; }

    /// <summary>Loads the weights (parameters and buffers) into a model of the same structure.</summary>
    public void LoadWeights(nn.Module model)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(_weights, writable: false));
            model.load(reader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException or IOException or InvalidOperationException or ExternalException)
        {
            throw new CheckpointException(Path, $"its weights do not fit the model in its {CheckpointFile.ModelEntry}: {e.Message}", e);
        }
    }

    /// <summary>Restores the optimizer's state (moments, momentum buffers, step counts); needs an optimizer of the same kind over the same parameters.</summary>
    public void LoadOptimizerState(OptimizerHelper optimizer)
    {
        if (_optimizer is null)
        {
            throw new CheckpointException(Path, "holds no optimizer state, so training cannot resume from it");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(_optimizer, writable: false));
            optimizer.load_state_dict(reader);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException or IOException or InvalidOperationException or ExternalException)
        {
            throw new CheckpointException(Path, $"its optimizer state does not fit: {e.Message}", e);
        }
    }
}
