namespace ShapeSafe.Tests.Runtime;

/// <summary>A graph the runtime cannot run is refused when built, naming the file, the line and the target; never a partial model.</summary>
public sealed class RefusalTests
{
    [Theory]
    [InlineData("python/unsupported_data_dependent_if.py", ":17:", "error SS0310: the runtime cannot build this model: the if on x.sum() > 0")]
    [InlineData("python/unsupported_while_loop.py", ":16:", "error SS0310: the runtime cannot build this model: the while on ")]
    public void ControlFlowOnTensorValuesIsRefusedWithItsLine(string file, string line, string expected)
    {
        var built = Corpus.Build(file);

        Assert.False(built.Succeeded);
        Assert.Contains(Path.GetFileName(file) + line, built.Failure);
        Assert.Contains(expected, built.Failure);
    }
}
