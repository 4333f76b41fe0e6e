using ShapeSafe.Torch.Native;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Native;

public sealed class MallocTuningTests
{
    /// <summary>
    /// A 40 MiB tensor (above the 32 MiB that glibc's malloc serves from its heap at most; the seed model's first activation
    /// at batch 128 is 33.5 MiB) made, filled and freed, then made and filled again: with glibc's defaults the second one
    /// is a new mmap and faults in all of its 10,240 pages again; with the tuning it reuses the freed block and faults in
    /// almost none. Counted from /proc/self/stat's minor faults (tests in this assembly run one at a time).
    /// </summary>
    [Fact]
    public void AFreedLargeTensorsMemoryIsReusedWithoutFaultingItInAgain()
    {
        NativeRuntime.RequireCpu();
        Assert.True(NativeRuntime.KeepsFreedMemory, "glibc's mallopt settings are not in force (SHAPESAFE_MALLOC=default?)");
        const long elements = 10L << 20;
        long Fill()
        {
            var before = MinorFaults();
            using (var tensor = empty(elements, dtype: ScalarType.Float32))
            {
                tensor.fill_(1);
            }

            return MinorFaults() - before;
        }

        // Three tries: an arena whose free space is split may put the block in a heap of its own, which glibc deletes
        // when it is empty again (whatever the settings); with glibc's defaults every try faults the pages in again.
        var tries = new List<(long First, long Second)>();
        for (var i = 0; i < 3; i++)
        {
            var first = Fill();
            var second = Fill();
            tries.Add((first, second));
            if (second < Math.Max(first / 4, 2000))
            {
                return;
            }
        }

        Assert.Fail($"every second 40 MiB tensor faulted its pages in again: {string.Join(", ", tries.Select(t => $"{t.First} then {t.Second}"))}");
    }

    private static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }
}
