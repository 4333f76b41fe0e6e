using ShapeSafe.Torch.Native;
using TorchSharp;

namespace ShapeSafe.Tests.Native;

public sealed class NativeRuntimeTests
{
    [Fact]
    public void CpuInitializesAndRunsATensorOperation()
    {
        var selection = NativeRuntime.Initialize("cpu");

        Assert.True(selection.Succeeded, selection.Failure);
        Assert.Equal(0, selection.ExitCode);
        Assert.Equal(DeviceType.CPU, selection.Device!.type);
        Assert.StartsWith("cpu (libtorch from ", selection.Description);
        using var scope = torch.NewDisposeScope();
        var product = torch.ones(2, 3, device: selection.Device).matmul(torch.ones(3, 4, device: selection.Device));
        Assert.Equal(new long[] { 2, 4 }, product.shape);
        Assert.Equal(3f, product[1, 2].item<float>());
    }

    [Fact]
    public void CudaOnAMachineWithoutCudaLibTorchIsAPlainFailure()
    {
        NativeRuntime.RequireCpu();

        var selection = NativeRuntime.Initialize("cuda");

        Assert.False(selection.Succeeded);
        Assert.Null(selection.Device);
        Assert.NotEqual(0, selection.ExitCode);
        Assert.StartsWith("CUDA is not available", selection.Failure);
        Assert.DoesNotContain("   at ", selection.Failure);
        Assert.IsType<NativeLoadException>(Record.Exception(() => selection.RequireDevice()));
    }

    [Fact]
    public void CudaWithNothingToFindNamesEveryPlaceTried()
    {
        var selection = NativeRuntime.Initialize("cuda", () => LibTorchLocator.Locate(null, _ => null, "shapesafe-no-such-python3"));

        Assert.False(selection.Succeeded);
        Assert.Contains("no CUDA libtorch was found", selection.Failure);
        Assert.Contains("SHAPESAFE_LIBTORCH: not set", selection.Failure);
        Assert.Contains("shapesafe-no-such-python3 is not installed", selection.Failure);
        Assert.Contains("--libtorch", selection.Failure);
    }

    [Fact]
    public void ABogusLibTorchPathIsNamedInTheFailure()
    {
        const string bogus = "/nonexistent/shapesafe/site-packages/torch/lib";

        var selection = NativeRuntime.Initialize("cuda", bogus);

        Assert.False(selection.Succeeded);
        Assert.Contains(bogus, selection.Failure);
        Assert.Contains("does not exist", selection.Failure);
        Assert.Contains("--libtorch option", selection.Failure);
    }

    [Theory]
    [InlineData(new string[0], "lacks libc10.so, libtorch_cpu.so, libc10_cuda.so, libtorch_cuda.so, libtorch.so")]
    [InlineData(new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" }, "is a CPU-only build (no libc10_cuda.so, libtorch_cuda.so)")]
    [InlineData(new[] { "libc10.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so" }, "lacks libtorch_cpu.so")]
    public void AFolderWithoutTheCudaLibrariesIsExplained(string[] present, string expected)
    {
        using var folder = new TempFolder();
        foreach (var file in present)
        {
            File.WriteAllText(Path.Combine(folder.Path, file), "not a library");
        }

        var selection = NativeRuntime.Initialize("cuda", folder.Path);

        Assert.False(selection.Succeeded);
        Assert.Contains(folder.Path, selection.Failure);
        Assert.Contains(expected, selection.Failure);
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("")]
    public void AnUnknownDeviceIsRejectedWithTheAcceptedForms(string device)
    {
        var selection = NativeRuntime.Initialize(device);

        Assert.False(selection.Succeeded);
        Assert.Equal($"unknown device '{device}': use cpu, cuda or cuda:N (N = 0, 1, ...)", selection.Failure);
    }

    [Theory]
    [InlineData("cpu", DeviceType.CPU, 0)]
    [InlineData(" CUDA ", DeviceType.CUDA, 0)]
    [InlineData("cuda:1", DeviceType.CUDA, 1)]
    public void DeviceNamesParseAsInPyTorch(string text, DeviceType type, int index)
    {
        Assert.True(NativeRuntime.TryParseDevice(text, out var parsedType, out var parsedIndex));
        Assert.Equal(type, parsedType);
        Assert.Equal(index, parsedIndex);
    }

    [Fact]
    public void ThreadCountIsSetAndAZeroCountIsRefused()
    {
        NativeRuntime.RequireCpu();
        var current = NativeRuntime.Threads;

        Assert.True(NativeRuntime.TrySetThreads(current, out var none));
        Assert.Null(none);
        Assert.Equal(current, NativeRuntime.Threads);
        Assert.False(NativeRuntime.TrySetThreads(0, out var problem));
        Assert.Equal("the thread count must be at least 1, but got 0", problem);
    }
}
