using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Training;

namespace ShapeSafe.Tests.TestSupport;

/// <summary>Training jobs on generated shapes, for trainer and checkpoint tests.</summary>
public static class Jobs
{
    /// <summary>A job on <paramref name="classes"/> classes of generated RGB shapes of <paramref name="size"/> x <paramref name="size"/>.</summary>
    public static TrainingJob Shapes(TempFolder folder, TrainingSettings settings, int classes = 3, int perClass = 40, int size = 16, Checkpoint? resume = null)
    {
        var data = folder.Combine("data");
        if (!Directory.Exists(data))
        {
            SyntheticShapes.Write(data, classes, perClass, size, size, channels: 3, seed: 1);
        }

        var all = ImageFolderDataset.Load(data, 3, size, size);
        var (train, validation) = all.HoldOut(settings.ValidationFraction, settings.Seed);
        return new TrainingJob
        {
            ModelName = "tiny",
            ModelText = TinyModels.CnnText,
            Input = new ImageSize(3, size, size),
            Normalization = Normalization.Compute(train),
            Train = train,
            Validation = validation,
            Settings = settings,
            OutputFolder = folder.Combine("run"),
            DataPath = data,
            GeneratedData = true,
            Resume = resume,
        };
    }
}
