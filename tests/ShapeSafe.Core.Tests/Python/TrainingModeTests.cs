using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.Python;

namespace ShapeSafe.Tests.Python;

/// <summary>
/// forward is bound once per mode when it reads <c>self.training</c>: the eval graph is the result's graph, the training
/// graph its TrainingGraph, and an error on one side only is reported at its line, saying which mode reaches it.
/// </summary>
public sealed class TrainingModeTests
{
    private const string Header = "import torch\nimport torch.nn as nn\n\n\n# shapesafe: input 2x8\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(8, 4)\n        self.b = nn.Linear(7, 4)\n\n    def forward(self, x):\n";

    private static PythonCheckResult Check(string body) => PythonChecker.Check("m.py", Header + body);

    public static TheoryData<string, string, string> Branches => new()
    {
        { "if/else", "        if self.training:\n            return self.a(x)\n        else:\n            return torch.sigmoid(x)\n", "torch.sigmoid" },
        { "conditional expression", "        return self.a(x) if self.training else torch.sigmoid(x)\n", "torch.sigmoid" },
        { "not", "        if not self.training:\n            return torch.sigmoid(x)\n        return self.a(x)\n", "torch.sigmoid" },
        { "and/or", "        s = self.training and 2.0 or 0.5\n        return x * s\n", "mul" },
    };

    [Theory]
    [MemberData(nameof(Branches))]
    public void EachModeGetsItsOwnGraph(string form, string body, string evalTarget)
    {
        var result = Check(body);

        Assert.False(result.HasErrors, form + ": " + string.Join("; ", result.Diagnostics.Select(d => d.Message)));
        Assert.NotNull(result.TrainingGraph);
        Assert.NotNull(result.Graph);
        Assert.Same(result.Graph!.Root, result.TrainingGraph!.Root);
        var evalTargets = result.Graph.Nodes.Select(n => n.Target).ToList();
        var trainTargets = result.TrainingGraph.Nodes.Select(n => n.Target).ToList();
        Assert.Contains(evalTarget, evalTargets);
        if (evalTarget == "torch.sigmoid")
        {
            Assert.DoesNotContain(trainTargets, t => t == "torch.sigmoid");
            Assert.Contains(result.TrainingGraph.Nodes, n => n.Kind == NodeKind.CallModule && n.Target == "a");
        }
        else
        {
            // Same ops, other constants: x * 2.0 in training mode, x * 0.5 in eval mode.
            Assert.Equal(trainTargets, evalTargets);
            Assert.Contains(new ConstArg(0.5), result.Graph.Nodes.Single(n => n.Target == evalTarget).Args);
            Assert.Contains(new ConstArg(2.0), result.TrainingGraph.Nodes.Single(n => n.Target == evalTarget).Args);
        }
    }

    [Fact]
    public void AForwardThatNeverReadsTheFlagHasOneGraph()
    {
        var result = Check("        return self.a(x)\n");

        Assert.False(result.HasErrors);
        Assert.NotNull(result.Graph);
        Assert.Null(result.TrainingGraph);
    }

    [Fact]
    public void AnErrorOnlyInTheEvalBranchIsReportedAtItsLineNamingEvalMode()
    {
        var result = Check("        if self.training:\n            return self.a(x)\n        return self.b(x)\n");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(15, error.Line);
        Assert.Contains(error.Notes, n => n.StartsWith("only in eval mode (model.eval())", StringComparison.Ordinal));
    }

    [Fact]
    public void AnErrorOnlyInTheTrainingBranchSaysTrainingMode()
    {
        var result = Check("        if self.training:\n            return self.b(x)\n        return self.a(x)\n");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(14, error.Line);
        Assert.Contains(error.Notes, n => n.StartsWith("only in training mode (model.train())", StringComparison.Ordinal));
    }

    [Fact]
    public void AnErrorInBothModesIsReportedOnceWithoutAMode()
    {
        var result = Check("        y = self.b(x)\n        return y if self.training else torch.sigmoid(y)\n");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(13, error.Line);
        Assert.DoesNotContain(error.Notes, n => n.StartsWith("only in", StringComparison.Ordinal));
    }
}
