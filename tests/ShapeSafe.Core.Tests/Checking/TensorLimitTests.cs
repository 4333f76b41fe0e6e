using ShapeSafe.Checking;
using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Tests.Checking;

/// <summary>
/// A tensor that cannot exist (float32 storage beyond a signed 64-bit size, where PyTorch 1.13 raises "Storage size
/// calculation overflowed") is SS0120 naming the layer and the size, in both front-ends; no count overflows or wraps,
/// and what cannot be computed is unknown (null), not 0.
/// </summary>
public sealed class TensorLimitTests
{
    public static TheoryData<string, string, string?> Cases() => new()
    {
        // input, layer, first error code; PyTorch 1.13 overflows for 2**61 float32 elements and allocates (or runs out of memory) below
        { "1x3x8", "nn.Upsample(size=2**62)", "SS0120" },
        { "1x1x8", "nn.Upsample(size=2**61)", "SS0120" },
        { "1x1x8", "nn.Upsample(size=2**60)", null },
        { "Nx1x8", "nn.Upsample(size=2**61)", "SS0120" },
        { "1x8", "nn.Linear(8, 2**61)", "SS0111" }, // the parameter count itself overflows a long
        { "1x8", "nn.Linear(2**30, 2**31)", "SS0100" },
        { "1x1073741824", "nn.Linear(2**30, 2**31)", "SS0120" },
        { "1x1073741824", "nn.Linear(2**30, 2**30)", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ModelFile(string input, string layer, string? code)
    {
        var check = CheckService.Check("m.model", $"input {input}\nl = {layer}\n");
        Assert.Equal(code, check.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error)?.Code);
        var result = check.ModelFile!;
        _ = (result.TotalMultiplyAdds, result.ParameterBytes, result.ForwardBackwardActivationBytes);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Python(string input, string layer, string? code)
    {
        var source = $"import torch.nn as nn\n\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.l = {layer}\n\n    def forward(self, x):\n        return self.l(x)\n";
        var check = CheckService.Check("m.py", source, new CheckRequest { Inputs = [ShapeParser.Parse(input)] });
        Assert.Equal(code, check.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error)?.Code);
    }

    [Fact]
    public void TheMessageNamesTheLayerTheShapeAndTheExactCount()
    {
        var check = CheckService.Check("m.model", "input 1x3x8\nup = nn.Upsample(size=2**62)\n");
        var error = Assert.Single(check.Diagnostics);
        Assert.Equal("up: the output 1x3x4611686018427387904 would have 13835058055282163712 elements; at 4 bytes each that is beyond PyTorch's 64-bit storage size", error.Message);
        Assert.Contains(error.Notes, n => n.EndsWith("Storage size calculation overflowed with sizes=[1, 3, 4611686018427387904]", StringComparison.Ordinal));
        Assert.Null(check.ModelFile!.TotalMultiplyAdds);
        Assert.Null(check.ModelFile.ForwardBackwardActivationBytes);
    }

    [Fact]
    public void WeightsBeyondTheLimitNameTheLayerWhereTheTotalPassesIt()
    {
        var check = CheckService.Check("m.model", "input 1x1073741824\na = nn.Linear(2**30, 2**30)\nb = nn.Linear(2**30, 2**30)\n");
        var error = Assert.Single(check.Diagnostics);
        Assert.Equal("SS0120", error.Code);
        Assert.Equal("b", error.Layer!.Name);
        Assert.Contains("2305843011361177600", error.Message, StringComparison.Ordinal);
        Assert.Null(check.ModelFile!.ParameterBytes);
    }

    public static TheoryData<string, long?> MultiplyAdds() => new()
    {
        // a symbolic spatial size makes the cost unknown; a symbolic batch does not (costs are per sample)
        { "input 1x3x8x8\nc = nn.Conv2d(3, 4, 3)\nf = nn.Flatten()", 3 * 4 * 9 * 36 },
        { "input Nx3x8x8\nc = nn.Conv2d(3, 4, 3)\nf = nn.Flatten()", 3 * 4 * 9 * 36 },
        { "input Nx3xHx8\nc = nn.Conv2d(3, 4, 3)\nf = nn.Flatten()", null },
        { "input Nx3xHx8\np = nn.AdaptiveAvgPool2d(1)\nf = nn.Flatten()\nl = nn.Linear(3, 2)", 6 },
        { "input NxL\nl = nn.Linear(5, 2)", 10 },
        { "input NxTx5\nl = nn.Linear(5, 2)", null },
    };

    [Theory]
    [MemberData(nameof(MultiplyAdds))]
    public void UnknownCostsAreUnknownNotZero(string model, long? total)
    {
        var check = CheckService.Check("m.model", model + "\n");
        Assert.Equal(total, check.ModelFile!.TotalMultiplyAdds);
    }
}
