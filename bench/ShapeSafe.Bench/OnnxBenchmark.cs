using System.Diagnostics;
using System.Globalization;
using ShapeSafe.Checking;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Runtime;
using ShapeSafe.Shapes;
using ShapeSafe.Torch.Native;
using ShapeSafe.Torch.Runtime;
using static TorchSharp.torch;

namespace ShapeSafe.Bench;

/// <summary>
/// Inference images/s of one model file on ONNX Runtime (<c>--side onnx</c>) or on TorchSharp (<c>--side torch</c>:
/// the graph runtime, eval mode, no gradients), with the same weights, on random input, the output brought back as a
/// float array on both sides. One side per process, since ONNX Runtime's spinning thread pool would slow libtorch's
/// threads in the same process; <c>bench/compare.py --only onnx</c> interleaves the two over rounds.
/// <code>
/// dotnet run -c Release --project bench/ShapeSafe.Bench -- onnx --side onnx|torch [--model seed|fashion|PATH] [--batches 1,128] [--threads 2] [--seconds 2]
/// </code>
/// Prints the largest difference between the two sides' outputs, one line per batch size and, last, a JSON line.
/// </summary>
public static class OnnxBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var path = Options.ModelPath(options.GetValueOrDefault("model", "seed"));
        var batches = options.GetValueOrDefault("batches", "1,128").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
        var seconds = double.Parse(options.GetValueOrDefault("seconds", "2"), CultureInfo.InvariantCulture);
        var selection = NativeRuntime.Initialize("cpu", null);
        if (!selection.Succeeded)
        {
            Console.Error.WriteLine($"error: {selection.Failure}");
            return selection.ExitCode;
        }

        var threads = Options.Int(options, "threads", 2);
        if (!NativeRuntime.TrySetThreads(threads, out var problem))
        {
            Console.Error.WriteLine($"error: {problem}");
            return 2;
        }

        // The model as `export --to onnx` sees it: checked with a symbolic batch, built from that graph.
        var declared = CheckService.Check(path, File.ReadAllText(path)).Inputs[0];
        var input = new Shape([Dim.Sym("N"), declared[1], declared[2], declared[3]]);
        var check = CheckService.Check(path, File.ReadAllText(path), new CheckRequest { Inputs = [input] });
        var built = GraphModule.Build(check, CPU);
        if (built.Module is not { } module)
        {
            Console.Error.WriteLine($"error: {path} does not build: {built.Failure}");
            return 1;
        }

        var onnxPath = Path.Combine(Path.GetTempPath(), $"shapesafe-bench-{Guid.NewGuid():N}.onnx");
        try
        {
            using (module)
            {
                manual_seed(1);
                module.eval();
                var weights = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
                foreach (var (key, tensor) in module.state_dict())
                {
                    if (tensor.dtype == ScalarType.Float32)
                    {
                        weights[key] = new NamedTensor(tensor.shape, tensor.detach().contiguous().data<float>().ToArray());
                    }
                }

                var exported = OnnxExporter.ExportToFile(check.Graph!, weights, null, onnxPath);
                if (!exported.Succeeded)
                {
                    Console.Error.WriteLine($"error: {path} does not export: {string.Join("; ", exported.Diagnostics.Select(d => d.Message))}");
                    return 1;
                }

                using var onnx = OnnxModel.Load(onnxPath);
                using (no_grad())
                {
                    // Both sides compute the same thing: the largest difference of their outputs on one batch.
                    long[] probe = [2, declared[1].Value, declared[2].Value, declared[3].Value];
                    using var px = randn(probe);
                    var expected = module.forward(px).data<float>().ToArray();
                    var actual = onnx.Run(px.data<float>().ToArray(), probe).Data;
                    Console.WriteLine($"max |ONNX Runtime - TorchSharp| on a batch of 2: {expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max():G3}");
                }

                var side = options.GetValueOrDefault("side", "onnx");
                if (side is not ("onnx" or "torch"))
                {
                    Console.Error.WriteLine($"error: --side {side}: expected onnx or torch");
                    return 2;
                }

                Console.WriteLine($"model {path}, {side}, batches {string.Join(",", batches)}, {seconds} s each, TorchSharp {get_num_threads()} threads, ONNX Runtime's default threads, {Environment.ProcessorCount} logical CPUs");
                var rates = new Dictionary<string, double>(StringComparer.Ordinal);
                using var noGrad = no_grad();
                foreach (var batch in batches)
                {
                    long[] shape = [batch, declared[1].Value, declared[2].Value, declared[3].Value];
                    using var x = randn(shape);
                    var data = x.data<float>().ToArray();
                    var rate = side == "torch"
                        ? Rate(batch, seconds, () =>
                        {
                            using var scope = NewDisposeScope();
                            _ = module.forward(x).data<float>().ToArray();
                        })
                        : Rate(batch, seconds, () => _ = onnx.Run(data, shape));
                    rates[$"b{batch}"] = Math.Round(rate, 1);
                    Console.WriteLine($"batch {batch}: {rate:F1} images/s");
                }

                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(rates));
            }
        }
        finally
        {
            File.Delete(onnxPath);
        }

        return 0;
    }

    /// <summary>Images/s of <paramref name="step"/> over about <paramref name="seconds"/>, after one warm-up call.</summary>
    private static double Rate(int batch, double seconds, Action step)
    {
        step();
        var clock = Stopwatch.StartNew();
        var calls = 0;
        while (clock.Elapsed.TotalSeconds < seconds || calls < 3)
        {
            step();
            calls++;
        }

        return calls * (double)batch / clock.Elapsed.TotalSeconds;
    }
}
