namespace ShapeSafe.Tests.Runtime;

/// <summary>A graph the runtime cannot run is refused when built, naming the file, the line and the target; never a partial model.</summary>
public sealed class RefusalTests
{
    [Theory]
    [InlineData("python/functional_params_ok.py", "line 20: torch.nn.functional.conv2d: the runtime has no operation for this target yet")]
    [InlineData("python/kim_cnn_ok.py", "embed (Embedding")]
    public void UnrunnableTargetsAreRefusedWithTheirLine(string file, string expected)
    {
        var built = Corpus.Build(file);

        Assert.False(built.Succeeded);
        Assert.Contains(Path.GetFileName(file), built.Failure);
        Assert.Contains(expected, built.Failure);
    }
}
