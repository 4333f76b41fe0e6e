using ShapeSafe.Torch.Training;

namespace ShapeSafe.Tests.Training;

public sealed class ResumeWarningsTests
{
    private static readonly TrainingSettings Saved = new() { BatchSize = 64, LearningRate = 0.001, Seed = 42 };

    public static TheoryData<string, string[], string[]> Cases => new()
    {
        // what the request changes, the options given, the warnings expected
        { "nothing given", [], [] },
        { "same values", ["--batch-size", "--lr", "--seed"], [] },
        { "batch and lr", ["--batch-size", "--lr"], ["--batch-size 16 is ignored: resuming from last.ckpt continues with its --batch-size 64", "--lr 0.01 is ignored: resuming from last.ckpt continues with its --lr 0.001"] },
        { "sgd", ["--optimizer"], ["--optimizer sgd is ignored: resuming from last.ckpt continues with its --optimizer adam"] },
        { "limit", ["--limit"], ["--limit 100 is ignored: resuming from last.ckpt continues with its --limit none"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachGivenFlagTheCheckpointOverridesGetsOneWarning(string name, string[] given, string[] expected)
    {
        var requested = name switch
        {
            "same values" => Saved with { Epochs = 9 },
            "batch and lr" => Saved with { BatchSize = 16, LearningRate = 0.01 },
            "sgd" => Saved with { Optimizer = OptimizerKind.Sgd },
            "limit" => Saved with { Limit = 100 },
            _ => Saved with { Seed = 1, BatchSize = 2 },
        };

        var warnings = ResumeWarnings.For(requested, Saved, "last.ckpt", given.ToHashSet());

        Assert.Equal(expected, warnings);
    }

    [Fact]
    public void WithoutTheGivenFlagsEveryDifferenceIsWarned()
    {
        var warnings = ResumeWarnings.For(Saved with { Seed = 7, WeightDecay = 0.5, ValidationFraction = 0.2 }, Saved, "c.ckpt", given: null);

        Assert.Equal(["--weight-decay", "--seed", "--val-fraction"], warnings.Select(w => w.Split(' ')[0]));
    }
}
