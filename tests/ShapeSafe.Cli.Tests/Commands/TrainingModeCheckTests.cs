using ShapeSafe.Interop;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands;

/// <summary>
/// <c>check</c> follows a forward that reads <c>self.training</c> in both modes (an error of one mode names it), and
/// <c>run</c> runs the eval-mode side.
/// </summary>
public sealed class TrainingModeCheckTests
{
    private const string Model = """
        import torch
        import torch.nn as nn


        # shapesafe: input 2x8
        class M(nn.Module):
            def __init__(self):
                super().__init__()
                self.a = nn.Linear(8, 4)
                self.b = nn.Linear(WIDTH, 4)

            def forward(self, x):
                if self.training:
                    return self.a(x)
                return torch.sigmoid(self.b(x)) + 10.0
        """;

    [Fact]
    public void AnErrorOnlyInTheEvalBranchFailsTheCheckAtItsLineNamingTheMode()
    {
        using var folder = new TempFolder();
        var model = folder.WriteFile("m.py", Model.Replace("WIDTH", "7", StringComparison.Ordinal));

        var run = CliRunner.Run("check", model);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("m.py:15:", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Contains("only in eval mode (model.eval())", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RunTakesTheEvalBranch()
    {
        using var folder = new TempFolder();
        var model = folder.WriteFile("m.py", Model.Replace("WIDTH", "8", StringComparison.Ordinal));
        var input = NpyInputs.Write(folder.Combine("x.npy"), [2, 8]);

        var run = CliRunner.Run("run", model, "--input", input, "--output", folder.Combine("y.npy"));

        Assert.True(run.ExitCode == 0, run.Error);
        // sigmoid(...) + 10 lies in (10, 11); the training branch's raw Linear output would not.
        Assert.All(NpyFile.Read(folder.Combine("y.npy")).ToFloats(), v => Assert.InRange(v, 10f, 11f));
    }
}
