using ShapeSafe.Checking;
using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Tests.Checking;

/// <summary>
/// The declared first dimension is the batch, symbolic or not: a layer that would read it as the channels of an
/// unbatched input fails as it does for a concrete batch (PyTorch 1.13 fails for every batch size but one), in model
/// files and in .py files checked with --input. Layers that treat unbatched and batched inputs alike stay quiet.
/// </summary>
public sealed class SymbolicBatchTests
{
    public static TheoryData<string, string, string?> Cases() => new()
    {
        // input, layer, expected error code (null: no error), as PyTorch 1.13 does for a batch of 2
        { "Nx3x64x64", "nn.Conv3d(16, 8, 3)", "SS0101" },
        { "2x3x64x64", "nn.Conv3d(16, 8, 3)", "SS0101" },
        { "Nx64", "nn.Conv1d(16, 8, 3)", "SS0101" },
        { "Nx16x8", "nn.ConvTranspose2d(16, 8, 3)", "SS0101" },
        { "Nx16", "nn.InstanceNorm1d(16, affine=True)", "SS0106" },
        { "Nx16", "nn.InstanceNorm1d(16, track_running_stats=True)", "SS0106" },
        { "Nx16", "nn.InstanceNorm1d(16)", null },
        { "Nx3x64x64", "nn.Conv2d(3, 8, 3)", null },
        { "Nx3x64", "nn.MaxPool2d(2)", null },
        { "Nx3x64", "nn.ReflectionPad2d(1)", null },
        { "NxCx64x64", "nn.Conv2d(3, 8, 3)", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ModelFile(string input, string layer, string? code)
    {
        var check = CheckService.Check("m.model", $"input {input}\nl = {layer}\n");
        Assert.Equal(code, check.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error)?.Code);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PythonWithInput(string input, string layer, string? code)
    {
        var source = $"import torch.nn as nn\n\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.l = {layer}\n\n    def forward(self, x):\n        return self.l(x)\n";
        var check = CheckService.Check("m.py", source, new CheckRequest { Inputs = [ShapeParser.Parse(input)] });
        Assert.Equal(code, check.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error)?.Code);
    }

    [Fact]
    public void TheMessageNamesTheBatch()
    {
        var check = CheckService.Check("m.model", "input Nx3x64x64\nconv = nn.Conv3d(16, 8, 3)\n");
        var error = Assert.Single(check.Diagnostics);
        Assert.Equal("conv expects 16 input channels but receives N", error.Message);
        Assert.Contains(error.Notes, n => n.Contains("batch N", StringComparison.Ordinal));
    }

    [Fact]
    public void LazyInstanceNormReadsDimensionOneOfAnUnbatchedInputAsPyTorch113Does()
    {
        // PyTorch 1.13: LazyInstanceNorm2d()(zeros(3, 8, 8)) fails with "running_mean should contain 3 elements not 8".
        var failing = CheckService.Check("m.model", "input 3x8x8\nn = nn.LazyInstanceNorm2d()\n");
        Assert.Equal("SS0106", Assert.Single(failing.Diagnostics).Code);
        var fine = CheckService.Check("m.model", "input 3x3x8\nn = nn.LazyInstanceNorm2d()\n");
        Assert.False(fine.HasErrors);
        Assert.Equal(6, fine.TotalParameters);
    }
}
