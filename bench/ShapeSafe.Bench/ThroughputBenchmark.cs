using System.Globalization;
using ShapeSafe.Torch.Native;

namespace ShapeSafe.Bench;

/// <summary>
/// Throughput benchmarks: training and inference images/s of a model file on random input, and the
/// batch loader alone. Timed loops (warm-up steps, then N timed steps) rather than BenchmarkDotNet,
/// since one training step is the unit and libtorch runs its own threads.
/// <code>
/// dotnet run -c Release --project bench/ShapeSafe.Bench -- throughput [--model seed|fashion|PATH] [--batch 128] [--threads 2] [--steps 30] [--warmup 5] [--device cpu|cuda] [--libtorch DIR] [--only train,infer,loader,idx] [--runtime sequential|graph] [--data DIR]
/// </code>
/// <c>--runtime graph</c> runs the model file through the graph runtime (GraphModule) instead of ModuleBuilder's
/// <c>Sequential</c>; <c>idx</c> measures the loader from an IDX folder (<c>--data</c>, default the Debian Fashion-MNIST).
/// Prints one line per measurement and, last, a JSON line with all of them.
/// </summary>
public static class ThroughputBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var runtime = options.GetValueOrDefault("runtime", "sequential") switch
        {
            "sequential" => ModelRuntime.Sequential,
            "graph" => ModelRuntime.Graph,
            var other => throw new ArgumentException($"--runtime {other}: expected sequential or graph"),
        };

        var model = options.GetValueOrDefault("model", "seed");
        var batch = int.Parse(options.GetValueOrDefault("batch", "128"), CultureInfo.InvariantCulture);
        var steps = int.Parse(options.GetValueOrDefault("steps", "30"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(options.GetValueOrDefault("warmup", "5"), CultureInfo.InvariantCulture);
        var only = options.GetValueOrDefault("only", "train,infer,loader").Split(',');
        var selection = NativeRuntime.Initialize(options.GetValueOrDefault("device", "cpu"), options.GetValueOrDefault("libtorch"));
        if (!selection.Succeeded)
        {
            Console.Error.WriteLine($"error: {selection.Failure}");
            return selection.ExitCode;
        }

        if (options.TryGetValue("threads", out var threads) && !NativeRuntime.TrySetThreads(int.Parse(threads, CultureInfo.InvariantCulture), out var problem))
        {
            Console.Error.WriteLine($"error: {problem}");
            return 2;
        }

        var path = Options.ModelPath(model);
        Console.WriteLine($"model {path} ({runtime}), batch {batch}, {steps} timed steps after {warmup} warm-up, device {selection.Description}, {TorchSharp.torch.get_num_threads()} threads");
        var results = new List<(string Name, double ImagesPerSecond)>();
        if (only.Contains("train"))
        {
            results.Add(("train", Throughput.Train(path, batch, steps, warmup, selection.Device!, runtime)));
        }

        if (only.Contains("infer"))
        {
            results.Add(("infer", Throughput.Infer(path, batch, steps, warmup, selection.Device!, runtime)));
        }

        if (only.Contains("loader"))
        {
            results.Add(("loader", Throughput.Loader(path, batch, selection.Device!)));
        }

        if (only.Contains("idx"))
        {
            results.Add(("idx", Throughput.IdxLoader(options.GetValueOrDefault("data", "/usr/share/datasets/fashion-mnist"), batch, selection.Device!)));
        }

        foreach (var (name, value) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-7} {value,10:0} images/s"));
        }

        var train = results.FirstOrDefault(r => r.Name == "train").ImagesPerSecond;
        var loader = results.FirstOrDefault(r => r.Name == "loader").ImagesPerSecond;
        if (train > 0 && loader > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loader / train: {loader / train:0.0}x"));
        }

        Console.WriteLine("{" + string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"\"{r.Name}\": {r.ImagesPerSecond:0.0}"))) + "}");
        return 0;
    }
}
