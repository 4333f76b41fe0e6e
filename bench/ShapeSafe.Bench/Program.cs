using BenchmarkDotNet.Running;

namespace ShapeSafe.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/ShapeSafe.Bench -- throughput [options]</c> runs the training,
/// inference and loader throughput loops (<see cref="ThroughputBenchmark"/>); any other arguments go to
/// BenchmarkDotNet, e.g. <c>-- --filter '*Check*'</c> for the shape-checking benchmarks. <c>-- python-source LINES FILE</c>
/// writes the Python benchmark's generated model. <c>-- trainer</c> compares <c>train</c>'s steps with a raw TorchSharp loop
/// (<see cref="TrainerBenchmark"/>), <c>-- onednn</c> libtorch's oneDNN settings (<see cref="OneDnnBenchmark"/>), <c>-- onnx</c> ONNX Runtime against TorchSharp inference (<see cref="OnnxBenchmark"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "throughput")
        {
            return ThroughputBenchmark.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "trainer")
        {
            return TrainerBenchmark.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "onnx")
        {
            return OnnxBenchmark.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "onednn")
        {
            return OneDnnBenchmark.Run(args[1..]);
        }

        if (args.Length == 3 && args[0] == "python-source" && int.TryParse(args[1], out var lines))
        {
            // The generated model of the Python-check benchmark, for whole-process timings (bench/python_check_process.sh).
            File.WriteAllText(args[2], PythonSource.Model(lines));
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
