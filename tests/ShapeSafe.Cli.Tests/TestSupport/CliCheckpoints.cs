using ShapeSafe.Torch.Building;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Native;
using ShapeSafe.Torch.Training;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.TestSupport;

/// <summary>Checkpoints for the interop command tests, made without training: seeded weights and random BatchNorm statistics.</summary>
public static class CliCheckpoints
{
    public static void Write(string path, string modelText, int channels, int size, int classes, int seed, Normalization? normalization = null)
    {
        NativeRuntime.RequireCpu();
        manual_seed(seed);
        var build = ModuleBuilder.FromModelText("m.model", modelText);
        using var model = build.Module ?? throw new InvalidOperationException(build.Failure);
        using (no_grad())
        {
            foreach (var (name, buffer) in model.named_buffers())
            {
                using var scope = NewDisposeScope();
                if (name.EndsWith("running_mean", StringComparison.Ordinal))
                {
                    buffer.copy_(rand(buffer.shape) - 0.5);
                }
                else if (name.EndsWith("running_var", StringComparison.Ordinal))
                {
                    buffer.copy_(rand(buffer.shape) + 0.5);
                }
                else if (name.EndsWith("num_batches_tracked", StringComparison.Ordinal))
                {
                    buffer.fill_(11);
                }
            }
        }

        var meta = new CheckpointMeta
        {
            ModelName = Path.GetFileNameWithoutExtension(path),
            Input = new ImageSize(channels, size, size),
            ClassNames = Enumerable.Range(0, classes).Select(i => $"c{i}").ToArray(),
            Normalization = normalization ?? new Normalization(Enumerable.Repeat(0f, channels).ToArray(), Enumerable.Repeat(1f, channels).ToArray()),
            DataKind = DataKind.ImageFolder,
            DataPath = "none",
            Epoch = 1,
            Settings = new TrainingSettings(),
            Metrics = [],
        };
        CheckpointFile.Write(path, meta, modelText, model, null);
    }
}
