using ShapeSafe.Torch.Native;

namespace ShapeSafe.Tests.Native;

/// <summary>
/// The glibc settings are in force once libtorch has started. Their effect (freed tensor memory reused instead of being
/// faulted in again) depends on which malloc arena a thread got before them, so it is measured in bench/ (the
/// <c>malloc</c> rows of <c>bench/compare.sh</c>: seed-model training 5.4 times as fast), not counted here.
/// </summary>
public sealed class MallocTuningTests
{
    [Fact]
    public void TheSettingsAreInForceAfterLibTorchStarts()
    {
        NativeRuntime.RequireCpu();
        Assert.Equal(Environment.GetEnvironmentVariable(MallocTuning.Variable)?.Trim().ToLowerInvariant() != "default", NativeRuntime.KeepsFreedMemory);
        Assert.Equal(NativeRuntime.KeepsFreedMemory, MallocTuning.Apply());
    }
}
