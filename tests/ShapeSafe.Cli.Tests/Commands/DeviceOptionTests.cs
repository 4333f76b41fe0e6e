namespace ShapeSafe.Tests.Commands;

/// <summary>A --device that names no device is a usage error (exit 2) in every command that takes it, found by the fuzzing suite (it was exit 3).</summary>
public sealed class DeviceOptionTests
{
    [Theory]
    [InlineData("train", "tpu")]
    [InlineData("evaluate", "")]
    [InlineData("predict", "cuda:x")]
    [InlineData("run", "1e-300")]
    public void AnUnknownDeviceNameIsAUsageError(string command, string device)
    {
        string[] args = command switch
        {
            "train" => ["train", "m.model", "--data", "d", "--device", device],
            "evaluate" => ["evaluate", "m.ckpt", "--data", "d", "--device", device],
            "predict" => ["predict", "m.ckpt", "x.png", "--device", device],
            _ => ["run", "m.model", "--input", "x.npy", "--output", "y.npy", "--device", device],
        };

        var run = CliRunner.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: unknown device '{device}': use cpu, cuda or cuda:N (N = 0, 1, ...)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CpuPassesTheParser()
    {
        var run = CliRunner.Run("evaluate", "/nonexistent/m.ckpt", "--data", "/nonexistent/d", "--device", "cpu");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("unknown device", run.Error, StringComparison.Ordinal);
    }
}
