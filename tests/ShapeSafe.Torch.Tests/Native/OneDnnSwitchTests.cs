using System.Runtime.InteropServices;
using ShapeSafe.Torch.Native;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Native;

public sealed class OneDnnSwitchTests
{
    /// <summary>
    /// The shapes oneDNN got wrong in float32 on an AMD EPYC whose cache topology the VM hides (tcn_chomp's Conv1d,
    /// dcgan_generator's first ConvTranspose2d): whatever the switch decided, float32 agrees with float64 as in PyTorch.
    /// </summary>
    public static TheoryData<string> Cases => ["conv1d", "conv_transpose2d"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32ConvolutionsAgreeWithFloat64(string op)
    {
        NativeRuntime.RequireCpu();
        OneDnnSwitch.Configure();
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
        Assert.True(difference < 1e-4, $"{op}: float32 differs from float64 by {difference} ({OneDnnSwitch.State})");
    }

    /// <summary>
    /// Forty seeded random convolutions (1-d and 2-d, plain and transposed, 1 to 64 channels, kernels 1 to 7, strides 1
    /// and 2; 16 of such 60 were wrong with oneDNN's 1-byte caches) agree with float64 in whatever mode the switch chose.
    /// </summary>
    [Fact]
    public void RandomConvolutionsAgreeWithFloat64()
    {
        NativeRuntime.RequireCpu();
        var state = OneDnnSwitch.Configure();
        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            using var scope = NewDisposeScope();
            var op = random.Next(4);
            var (n, cin, cout, k) = (random.Next(1, 4), random.Next(1, 65), random.Next(1, 65), random.Next(1, 8));
            var (stride, padding) = (random.Next(1, 3), random.Next(0, (k / 2) + 1));
            var size = random.Next(k, op % 2 == 0 ? 120 : 24);
            long[] spatial = op % 2 == 0 ? [size] : [size, size];
            long[] kernel = op % 2 == 0 ? [k] : [k, k];
            using var generator = new Generator((ulong)i);
            var x = randn([n, cin, .. spatial], generator: generator);
            var w = randn(op < 2 ? [cout, cin, .. kernel] : [cin, cout, .. kernel], generator: generator) / Math.Sqrt(cin * k);
            var b = randn([cout], generator: generator);
            Tensor Run(Tensor input, Tensor weight, Tensor bias) => op switch
            {
                0 => nn.functional.conv1d(input, weight, bias, stride, padding),
                1 => nn.functional.conv2d(input, weight, bias, [stride, stride], [padding, padding]),
                2 => nn.functional.conv_transpose1d(input, weight, bias, stride, padding),
                _ => nn.functional.conv_transpose2d(input, weight, bias, [stride, stride], [padding, padding]),
            };
            var reference = Run(x.to(float64), w.to(float64), b.to(float64));
            var relative = (Run(x, w, b).to(float64) - reference).abs().max().item<double>() / Math.Max(1, reference.abs().max().item<double>());
            Assert.True(relative < 1e-4, $"case {i} (op {op}, {cin}->{cout}, k{k}, s{stride}, p{padding}, size {size}): relative error {relative} ({state})");
        }
    }

    [Fact]
    public void TheDecisionIsTakenOnceAndSaysWhy()
    {
        NativeRuntime.RequireCpu();
        var first = OneDnnSwitch.Configure();
        Assert.Same(first, OneDnnSwitch.Configure());
        Assert.Same(first, OneDnnSwitch.State);
        Assert.Contains("oneDNN", first.Reason, StringComparison.Ordinal);
        Assert.Equal(first.Enabled, OneDnnProbe.WorstRelativeError() <= OneDnnProbe.Tolerance);
    }

    /// <summary>
    /// Once configured, the cache sizes oneDNN sees are real ones (repaired already, or reported by the CPU): running the
    /// repair again finds nothing to do, and finds the symbols and layout it checks in the bundled libtorch_cpu.
    /// </summary>
    [Fact]
    public void AfterConfigurationTheCacheSizesNeedNoRepair()
    {
        NativeRuntime.RequireCpu();
        OneDnnSwitch.Configure();
        var path = Path.Combine(NativeFiles.LoadedFrom("libtorch_cpu.so")!, "libtorch_cpu.so");
        Assert.True(NativeLibrary.TryLoad(path, out var handle));
        Assert.Equal(OneDnnCacheRepair.Outcome.NotNeeded, OneDnnCacheRepair.Run(path, handle));
    }
}
