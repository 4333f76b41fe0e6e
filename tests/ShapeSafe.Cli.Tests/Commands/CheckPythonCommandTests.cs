using System.Text.Json;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands;

/// <summary><c>check</c>, <c>summary</c> and <c>--fix</c> on PyTorch source files, run in-process as a user runs them.</summary>
public sealed class CheckPythonCommandTests
{
    [Theory]
    [InlineData("seed_example1_view.py", 28, 14, "32 * 8 * 8")]
    [InlineData("seed_example2_flatten.py", 21, 14, "32*8*8")]
    [InlineData("seed_example3_debug.py", 22, 11, "50")]
    public void TheSeedsExamplesFailAtFc1InForwardAndPointAtItsConstructor(string example, int forwardLine, int constructorLine, string written)
    {
        var run = CliRunner.Run("check", CliRunner.Example(example));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{example}:{forwardLine}:", run.Output, StringComparison.Ordinal);
        Assert.Contains("error[SS0100]: fc1 expects", run.Output, StringComparison.Ordinal);
        Assert.Contains("but receives 8192", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{constructorLine} |", run.Output, StringComparison.Ordinal);
        Assert.Contains($"in_features = {written}", run.Output, StringComparison.Ordinal);
        Assert.Contains("set in_features to ", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seed_example1_view.py")]
    [InlineData("seed_example2_flatten.py")]
    [InlineData("seed_example3_debug.py")]
    public void FixRepairsTheFileInPlaceAndASecondCheckIsClean(string example)
    {
        using var temp = new TempFolder();
        var original = File.ReadAllText(CliRunner.Example(example));
        var path = temp.WriteFile(example, original);

        var fix = CliRunner.Run("check", path, "--fix");
        var again = CliRunner.Run("check", path);

        Assert.Equal(1, fix.ExitCode);
        Assert.Contains("applied 1 fix(es): set in_features to ", fix.Error, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains(": ok (class ", again.Output, StringComparison.Ordinal);
        var before = original.Split('\n');
        var after = File.ReadAllText(path).Split('\n');
        Assert.Equal(before.Length, after.Length);
        Assert.Single(before.Zip(after), p => p.First != p.Second);
        Assert.Contains(after, l => l.Contains("nn.Linear(32 * 16 * 16", StringComparison.Ordinal) || l.Contains("nn.Linear(8192", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.shapesafe-tmp"));
    }

    [Fact]
    public void JsonGivesTheForwardLineTheConstructorAsRelatedAndTheGraph()
    {
        var run = CliRunner.Run("check", CliRunner.Example("seed_example2_flatten.py"), "--format", "json");

        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        var file = doc.RootElement.GetProperty("files")[0];
        Assert.Equal("python", file.GetProperty("language").GetString());
        Assert.Equal("CNNModelFlatten", file.GetProperty("class").GetString());
        Assert.Equal("usage", file.GetProperty("input_source").GetString());
        Assert.Equal("[1,3,64,64]", string.Concat(file.GetProperty("input").GetRawText().Where(c => !char.IsWhiteSpace(c))));
        var diagnostic = file.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "SS0100");
        Assert.Equal(21, diagnostic.GetProperty("line").GetInt32());
        Assert.Contains(diagnostic.GetProperty("related").EnumerateArray(), r => r.GetProperty("line").GetInt32() == 14);
        Assert.Equal(14, diagnostic.GetProperty("fixes")[0].GetProperty("edits")[0].GetProperty("line").GetInt32());
        Assert.Contains(file.GetProperty("modules").EnumerateArray(), m => m.GetProperty("name").GetString() == "fc1" && m.GetProperty("type").GetString() == "Linear");
        Assert.Contains(file.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("op").GetString() == "call_module" && n.GetProperty("target").GetString() == "conv1");
    }

    [Fact]
    public void SarifPointsAtTheConstructorAsARelatedLocation()
    {
        var run = CliRunner.Run("check", CliRunner.Example("seed_example2_flatten.py"), "--format", "sarif");

        using var doc = JsonDocument.Parse(run.Output);
        var result = doc.RootElement.GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Equal("SS0100", result.GetProperty("ruleId").GetString());
        var related = result.GetProperty("relatedLocations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(14, related.GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void SummaryPrintsTheModuleTreeWithQualifiedNamesAndSharedModulesOnce()
    {
        using var temp = new TempFolder();
        var path = temp.WriteFile("shared.py", """
            import torch.nn as nn

            # shapesafe: input 2x8
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(8, 8)
                    self.body = nn.Sequential(self.fc, nn.ReLU(), self.fc)

                def forward(self, x):
                    return self.body(x)
            """);

        var run = CliRunner.Run("summary", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("fc (Linear)", run.Output, StringComparison.Ordinal);
        Assert.Contains("body (Sequential)", run.Output, StringComparison.Ordinal);
        Assert.Contains("0 (Linear) = fc", run.Output, StringComparison.Ordinal);
        Assert.Contains("2 (Linear) = fc", run.Output, StringComparison.Ordinal);
        Assert.Contains("(shared)", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok (class Net, input 2x8, output 2x8, 72 parameters)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralCandidateClassesAreAUsageErrorListingThemUntilClassChoosesOne()
    {
        using var temp = new TempFolder();
        var path = temp.WriteFile("two.py", """
            import torch.nn as nn

            class A(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(4, 2)

                def forward(self, x):
                    return self.fc(x)

            class B(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(3, 2)

                def forward(self, x):
                    return self.fc(x)
            """);

        var ambiguous = CliRunner.Run("check", path, "--input", "2x4");
        var chosen = CliRunner.Run("check", path, "--input", "2x4", "--class", "A");
        var wrong = CliRunner.Run("check", path, "--input", "2x4", "--class", "B");

        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("A, B", ambiguous.Output, StringComparison.Ordinal);
        Assert.Equal(0, chosen.ExitCode);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("SS0100", wrong.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralInputsFeedAForwardThatTakesSeveralTensors()
    {
        using var temp = new TempFolder();
        var path = temp.WriteFile("pair.py", """
            import torch
            import torch.nn as nn

            class Pair(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(12, 3)

                def forward(self, a, b):
                    return self.fc(torch.cat([a, b], dim=1))
            """);

        var ok = CliRunner.Run("check", path, "--input", "2x4", "--input", "2x8");
        var bad = CliRunner.Run("check", path, "--input", "2x4", "--input", "3x8");

        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("output 2x3", ok.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
    }

    [Fact]
    public void AModelFileTakesOneInput()
    {
        var run = CliRunner.Run("check", CliRunner.Example("seed_fixed.model"), "--input", "1x3x64x64", "--input", "1x3x64x64");
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void ExplainWithAPythonModelNamesTheLayerItsConstructorLineAndTheForwardLine()
    {
        var run = CliRunner.Run("explain", "mat1 and mat2 shapes cannot be multiplied (1x8192 and 2048x128)", "--model", CliRunner.Example("seed_example1_view.py"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("fc1 (Linear, line 14): built with in_features=2048 and out_features=128", run.Output, StringComparison.Ordinal);
        Assert.Contains("seed_example1_view.py:28:", run.Output, StringComparison.Ordinal);
        Assert.Contains("8192 features reach fc1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainWithAPythonFileWhoseClassCannotBeChosenIsAUsageError()
    {
        using var temp = new TempFolder();
        var path = temp.WriteFile("none.py", "import torch\nx = 1\n");

        var run = CliRunner.Run("explain", "mat1 and mat2 shapes cannot be multiplied (1x8192 and 2048x128)", "--model", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("none.py", run.Error, StringComparison.Ordinal);
    }
}
