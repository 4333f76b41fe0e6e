using BenchmarkDotNet.Running;

namespace ShapeSafe.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/ShapeSafe.Bench -- throughput [options]</c> runs the training,
/// inference and loader throughput loops (<see cref="ThroughputBenchmark"/>); any other arguments go to
/// BenchmarkDotNet, e.g. <c>-- --filter '*Check*'</c> for the shape-checking benchmarks.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "throughput")
        {
            return ThroughputBenchmark.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
