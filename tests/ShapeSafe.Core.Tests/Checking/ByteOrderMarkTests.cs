using ShapeSafe.Checking;

namespace ShapeSafe.Tests.Checking;

/// <summary>A UTF-8 byte-order mark at the start of a model or .py file is not text: same diagnostics, same columns.</summary>
public sealed class ByteOrderMarkTests
{
    public static TheoryData<string, string> Files() => new()
    {
        { "m.model", "input 1x3x8x8\nconv = nn.Conv2d(4, 8, 3)\n" },
        { "m.py", "import torch.nn as nn\n\n# shapesafe: input 1x3x8x8\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(4, 8, 3)\n\n    def forward(self, x):\n        return self.conv(x)\n" },
        { "m.model", "conv = nn.Conv2d(3, 8, 3)\ninput 1x3x8x8\n" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void TheMarkChangesNothing(string path, string text)
    {
        var plain = CheckService.Check(path, text);
        var marked = CheckService.Check(path, "\uFEFF" + text);
        Assert.Equal(Render(plain), Render(marked));
        Assert.DoesNotContain(marked.Diagnostics, d => d.Code is "SS0001" or "SS0009");
    }

    private static string Render(FileCheck check) =>
        string.Join("\n", check.Diagnostics.Select(d => $"{d.Code} {d.Span.Line}:{d.Span.Column}-{d.Span.EndColumn} {d.Message}")) + $"\n{check.Output}";
}
