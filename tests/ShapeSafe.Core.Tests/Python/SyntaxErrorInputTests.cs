using ShapeSafe.Python;

namespace ShapeSafe.Tests.Python;

/// <summary>A file that does not parse reports its syntax errors, not a missing input shape on top of them.</summary>
public sealed class SyntaxErrorInputTests
{
    [Fact]
    public void ASyntaxErrorIsNotFollowedByAMissingInput()
    {
        const string text = "import torch.nn as nn\nclass A(nn.Module:\n    pass\n";

        var result = PythonChecker.Check("bad.py", text);

        Assert.True(result.IsUsageError);
        Assert.Equal(["SS0444"], result.Diagnostics.Select(d => d.Code).Distinct());
    }

    [Fact]
    public void AValidFileWithoutAnInputStillAsksForIt()
    {
        const string text = "import torch.nn as nn\nclass A(nn.Module):\n    def forward(self, x):\n        return x\n";

        var result = PythonChecker.Check("a.py", text);

        Assert.Equal("SS0439", Assert.Single(result.Diagnostics).Code);
    }
}
