using ShapeSafe.Checking;
using ShapeSafe.Torch.Runtime;

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

    [Theory]
    [InlineData("return y.stft(4)", "the result of Tensor.stft (line 13)")]
    [InlineData("return (y, torch.fft.fft(y))", "(line 13)")]
    public void AnOutputTheCheckCouldNotFollowIsRefusedNotReturnedAsItsStandIn(string returned, string expected)
    {
        var source = $$"""
            import torch
            import torch.nn as nn


            # shapesafe: input 2x6
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(6, 6)

                def forward(self, x):
                    y = self.fc(x)
                    {{returned}}
            """;
        var check = CheckService.Check("net.py", source);
        Assert.False(check.HasErrors);

        var built = GraphModule.Build(check);

        Assert.False(built.Succeeded);
        Assert.Contains("forward returns a value the check could not follow", built.Failure);
        Assert.Contains(expected, built.Failure);
    }
}
