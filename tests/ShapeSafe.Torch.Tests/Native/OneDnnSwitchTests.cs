using ShapeSafe.Torch.Native;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Native;

public sealed class OneDnnSwitchTests
{
    /// <summary>
    /// The shapes oneDNN got wrong in float32 on an AMD EPYC (tcn_chomp's Conv1d, dcgan_generator's first
    /// ConvTranspose2d): with oneDNN off, float32 agrees with float64 as in PyTorch.
    /// </summary>
    public static TheoryData<string> Cases => ["conv1d", "conv_transpose2d"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32ConvolutionsAgreeWithFloat64(string op)
    {
        NativeRuntime.RequireCpu();
        Assert.True(OneDnnSwitch.EnsureOff());
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(0);
        var (input, weight, bias) = op == "conv1d"
            ? (randn([4, 25, 784], generator: generator), randn([25, 25, 7], generator: generator) * 0.1, randn([25], generator: generator))
            : (randn([4, 100, 1, 1], generator: generator), randn([100, 512, 4, 4], generator: generator) * 0.05, randn([512], generator: generator));
        Tensor Run(Tensor x, Tensor w, Tensor b) => op == "conv1d"
            ? nn.functional.conv1d(x, w, b, padding: 6)
            : nn.functional.conv_transpose2d(x, w, b);
        var single = Run(input, weight, bias);
        var reference = Run(input.to(float64), weight.to(float64), bias.to(float64));
        var difference = (single.to(float64) - reference).abs().max().item<double>();
        Assert.True(difference < 1e-4, $"{op}: float32 differs from float64 by {difference}");
    }

    [Fact]
    public void TurningItOffTwiceIsHarmless()
    {
        NativeRuntime.RequireCpu();
        Assert.True(OneDnnSwitch.EnsureOff());
        Assert.True(OneDnnSwitch.EnsureOff());
    }
}
