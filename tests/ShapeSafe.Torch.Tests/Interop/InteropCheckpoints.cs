using ShapeSafe.Torch.Building;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Interop;

/// <summary>Checkpoints for the interop tests, made without training: a model file built with seeded weights and BatchNorm statistics set to random values.</summary>
internal static class InteropCheckpoints
{
    public static void Write(string path, string modelText, ImageSize input, int classes, int seed)
    {
        manual_seed(seed);
        var build = ModuleBuilder.FromModelText("m.model", modelText);
        using var model = build.Module ?? throw new InvalidOperationException(build.Failure);
        Randomize(model);
        var meta = new CheckpointMeta
        {
            ModelName = "m",
            Input = input,
            ClassNames = Enumerable.Range(0, classes).Select(i => $"c{i}").ToArray(),
            Normalization = new Normalization(Enumerable.Repeat(0f, input.Channels).ToArray(), Enumerable.Repeat(1f, input.Channels).ToArray()),
            DataKind = DataKind.ImageFolder,
            DataPath = "none",
            Epoch = 1,
            Settings = new TrainingSettings(),
            Metrics = [],
        };
        CheckpointFile.Write(path, meta, modelText, model, null);
    }

    /// <summary>Running statistics away from 0 and 1 and a non-zero batch count, so a lost buffer shows in outputs and keys.</summary>
    public static void Randomize(nn.Module model)
    {
        using var noGrad = no_grad();
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
}
