namespace ShapeSafe.Tests.Runtime;

/// <summary>A graph the runtime cannot run is refused when built, naming the file, the line and the target; never a partial model.</summary>
public sealed class RefusalTests
{
    [Theory]
    [InlineData("python/vit_pos_embedding_ok.py", "encoder (TransformerEncoder")]
    [InlineData("python/kim_cnn_ok.py", "embed (Embedding")]
    public void UnrunnableTargetsAreRefusedWithTheirLine(string file, string expected)
    {
        var built = Corpus.Build(file);

        Assert.False(built.Succeeded);
        Assert.Contains(Path.GetFileName(file), built.Failure);
        Assert.Contains(expected, built.Failure);
    }
}
