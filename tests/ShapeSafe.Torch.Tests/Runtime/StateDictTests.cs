using ShapeSafe.Torch.Runtime;

namespace ShapeSafe.Tests.Runtime;

/// <summary>The GraphModule's state_dict against PyTorch's (tests/corpus/state_dicts.json, computed by PyTorch): keys in order and shapes.</summary>
public sealed class StateDictTests
{
    /// <summary>Corpus models whose module tree the runtime builds with exactly PyTorch's keys and shapes.</summary>
    public static TheoryData<string> Matching => [.. StateDictSurvey.Matching];

    [Theory]
    [MemberData(nameof(Matching))]
    public void KeysAndShapesAreExactlyPyTorchs(string file)
    {
        var built = Corpus.BuildModules(file);

        Assert.True(built.Succeeded, built.Failure);
        using var module = built.Module!;
        var actual = module.state_dict().Select(kv => $"{kv.Key} [{string.Join(", ", kv.Value.shape)}]").ToList();
        var expected = Corpus.StateDicts[file].Select(e => $"{e.Key} [{string.Join(", ", e.Shape)}]").ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void EveryModelEitherMatchesOrIsRefusedWithAMessageNamingTheFile()
    {
        foreach (var file in Corpus.StateDicts.Keys.Except(StateDictSurvey.Matching))
        {
            var built = Corpus.BuildModules(file);
            if (built.Succeeded)
            {
                built.Module!.Dispose();
                continue;
            }

            Assert.Contains(Path.GetFileName(file), built.Failure);
        }
    }
}
