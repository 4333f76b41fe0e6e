using ShapeSafe.Diagnostics;
using ShapeSafe.Python;
using ShapeSafe.Shapes;

namespace ShapeSafe.Tests.Python;

/// <summary>The checker's choices (which class, which inputs), its safety (the file never runs) and its speed.</summary>
public sealed class PythonCheckerTests
{
    private const string TwoModels = """
        import torch
        import torch.nn as nn

        class Block(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(4, 4)

            def forward(self, x):
                return self.fc(x)

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.block = Block()
                self.out = nn.Linear(4, 2)

            def forward(self, x):
                return self.out(self.block(x))

        class Other(nn.Module):
            def forward(self, x):
                return x
        """;

    [Theory]
    [InlineData(null, null, ClassChoice.None)]
    [InlineData("Net", "Net", ClassChoice.Option)]
    [InlineData("Missing", null, ClassChoice.None)]
    public void TheClassIsTheOptionOrAUsageErrorListingTheCandidates(string? option, string? chosen, ClassChoice choice)
    {
        var result = PythonChecker.Check("m.py", TwoModels, new PythonCheckOptions { ClassName = option, Inputs = [Shape.Of(2, 4)] });
        Assert.Equal(chosen, result.ClassName);
        Assert.Equal(choice, result.ClassChoice);
        Assert.Equal(["Block", "Net", "Other"], result.Candidates);
        Assert.Equal(chosen is null, result.IsUsageError);
        if (chosen is null)
        {
            var error = Assert.Single(result.Diagnostics);
            Assert.Contains("Block, Net, Other", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("2x2", result.OutputShape?.ToString());
        }
    }

    [Fact]
    public void TheOnlyClassNotUsedByAnotherIsChosen()
    {
        var text = TwoModels[..TwoModels.IndexOf("class Other", StringComparison.Ordinal)];
        var result = PythonChecker.Check("m.py", text, new PythonCheckOptions { Inputs = [Shape.Of(3, 4)] });
        Assert.Equal("Net", result.ClassName);
        Assert.Equal(ClassChoice.OnlyUnused, result.ClassChoice);
        Assert.Equal(InputSource.Option, result.InputSource);
        Assert.Equal("3x2", result.OutputShape?.ToString());
    }

    [Theory]
    [InlineData("model = Net()\nout = model(torch.randn(5, 4))\n", "5x4")]
    [InlineData("if __name__ == \"__main__\":\n    t = torch.randn(6, 4)\n    net = Net().eval()\n    print(net(t).shape)\n", "6x4")]
    [InlineData("def main():\n    model = Net()\n    with torch.no_grad():\n        y = model.forward(torch.zeros(7, 4))\n", "7x4")]
    public void TheInputIsTheTensorTheFilePassesToTheModel(string usage, string input)
    {
        var result = PythonChecker.Check("m.py", TwoModels + "\n" + usage);
        Assert.Equal("Net", result.ClassName);
        Assert.Equal(ClassChoice.Instantiated, result.ClassChoice);
        Assert.Equal(InputSource.Usage, result.InputSource);
        Assert.Equal(input, Assert.Single(result.Inputs).ToString());
    }

    [Fact]
    public void AnInputCommentAboveTheClassGivesSeveralInputs()
    {
        const string text = """
            import torch
            import torch.nn as nn

            # shapesafe: input Nx8, Nx8

            class Pair(nn.Module):
                def forward(self, a, b):
                    return torch.cat([a, b], dim=1)
            """;
        var result = PythonChecker.Check("p.py", text);
        Assert.Equal(InputSource.Comment, result.InputSource);
        Assert.Equal("Nx16", result.OutputShape?.ToString());
    }

    [Fact]
    public void WithoutAnInputShapeTheCheckerAsksForOne()
    {
        var result = PythonChecker.Check("m.py", TwoModels.Replace("class Other", "class _Unused", StringComparison.Ordinal), new PythonCheckOptions { ClassName = "Net" });
        Assert.True(result.IsUsageError);
        Assert.Equal("SS0439", Assert.Single(result.Diagnostics).Code);
        Assert.Null(result.Graph);
    }

    [Fact]
    public void SyntaxErrorsAreReported()
    {
        var result = PythonChecker.Check("bad.py", "import torch\nclass Net(nn.Module:\n    pass\n");
        Assert.Contains(result.Diagnostics, d => d.Code == "SS0444" && d.Line == 2);
    }

    [Fact]
    public void TheFileNeverRuns()
    {
        var folder = Directory.CreateTempSubdirectory("shapesafe-canary-");
        try
        {
            var canary = Path.Combine(folder.FullName, "canary.txt");
            File.WriteAllText(canary, "alive");
            var text = $$"""
                import os
                import shutil
                import torch
                import torch.nn as nn

                os.remove({{Quote(canary)}})
                shutil.rmtree({{Quote(folder.FullName)}})

                class Net(nn.Module):
                    def __init__(self):
                        super().__init__()
                        os.remove({{Quote(canary)}})
                        self.fc = nn.Linear(4, 2)

                    def forward(self, x):
                        open({{Quote(canary)}}, "w").write("overwritten")
                        return self.fc(x)

                model = Net()
                os.system("rm -rf /")
                print(model(torch.randn(1, 4)).shape)
                """;
            var result = PythonChecker.Check("danger.py", text);
            Assert.Equal("1x2", result.OutputShape?.ToString());
            Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
            Assert.True(File.Exists(canary));
            Assert.Equal("alive", File.ReadAllText(canary));
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        static string Quote(string path) => "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"";
    }

    [Fact]
    public void APathologicalFileStopsAtTheWorkLimit()
    {
        const string text = """
            import torch
            import torch.nn as nn

            def f(n):
                return f(n + 1)

            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    while True:
                        pass

                def forward(self, x):
                    f(0)
                    return x
            """;
        var result = PythonChecker.Check("loop.py", text, new PythonCheckOptions { Inputs = [Shape.Of(1, 2)] });
        Assert.Contains(result.Diagnostics, d => d.Code == "SS0432");
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void ATwoThousandLineFileChecksCleanWithItsOutput()
    {
        var text = LargeModel(2000);
        Assert.True(text.Split('\n').Length >= 2000, $"{text.Split('\n').Length} lines");
        var result = PythonChecker.Check("big.py", text);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("2x10", result.OutputShape?.ToString());
    }

    /// <summary>A model with many blocks, each a class of its own, and a forward that calls them all.</summary>
    internal static string LargeModel(int lines)
    {
        var sb = new System.Text.StringBuilder("import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n");
        var blocks = 0;
        const int BlockLines = 13;
        while (5 + (blocks * BlockLines) < lines - 12)
        {
            sb.Append($$"""
                class Block{{blocks}}(nn.Module):
                    def __init__(self, c=16):
                        super().__init__()
                        self.conv1 = nn.Conv2d(c, c, 3, padding=1)
                        self.bn1 = nn.BatchNorm2d(c)
                        self.conv2 = nn.Conv2d(c, c, 3, padding=1)
                        self.bn2 = nn.BatchNorm2d(c)

                    def forward(self, x):
                        out = F.relu(self.bn1(self.conv1(x)))
                        out = self.bn2(self.conv2(out))
                        return F.relu(out + x)


                """);
            blocks++;
        }

        sb.Append("class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.stem = nn.Conv2d(3, 16, 3, padding=1)\n");
        sb.Append("        self.blocks = nn.Sequential(");
        for (var i = 0; i < blocks; i++)
        {
            sb.Append($"Block{i}(), ");
        }

        sb.Append(")\n        self.fc = nn.Linear(16, 10)\n\n    def forward(self, x):\n        x = self.blocks(self.stem(x))\n");
        sb.Append("        x = F.adaptive_avg_pool2d(x, 1)\n        return self.fc(torch.flatten(x, 1))\n\n\nmodel = Net()\nmodel(torch.randn(2, 3, 8, 8))\n");
        return sb.ToString();
    }
}
