using System.Diagnostics;
using ShapeSafe.Checking;
using ShapeSafe.Torch.Building;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Runtime;
using ShapeSafe.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Bench;

/// <summary>The timed loops: one training step (forward, cross-entropy, backward, Adam), one inference forward, one loader batch.</summary>
public static class Throughput
{
    public static double Train(string modelPath, int batch, int steps, int warmup, Device device, ModelRuntime runtime = ModelRuntime.Sequential)
    {
        var (module, size, classes) = Build(modelPath, device, runtime);
        using (module)
        {
            module.train();
            using var optimizer = Trainer.CreateOptimizer(module, new TrainingSettings());
            using var x = randn([batch, size.Channels, size.Height, size.Width], device: device);
            using var y = randint(classes, [batch], dtype: ScalarType.Int64, device: device);
            return Time(steps, warmup, batch, device, () =>
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(module.forward(x), y);
                loss.backward();
                optimizer.step();
            });
        }
    }

    public static double Infer(string modelPath, int batch, int steps, int warmup, Device device, ModelRuntime runtime = ModelRuntime.Sequential)
    {
        var (module, size, _) = Build(modelPath, device, runtime);
        using (module)
        {
            module.eval();
            using var noGrad = no_grad();
            using var x = randn([batch, size.Channels, size.Height, size.Width], device: device);
            return Time(steps, warmup, batch, device, () =>
            {
                using var scope = NewDisposeScope();
                module.forward(x).argmax(1);
            });
        }
    }

    /// <summary>The loader alone: 20 batches' worth of random images, served in a shuffled order, again and again for about two seconds.</summary>
    public static double Loader(string modelPath, int batch, Device device)
    {
        var (module, size, classes) = Build(modelPath, CPU);
        module.Dispose();
        var count = batch * 20;
        var pixels = new byte[count * size.Elements];
        new Random(1).NextBytes(pixels);
        var set = new ImageSet(pixels, Enumerable.Range(0, count).Select(i => i % classes).ToArray(), size.Channels, size.Height, size.Width,
            Enumerable.Range(0, classes).Select(i => $"c{i}").ToArray(), "random", DataKind.ImageFolder);
        using var loader = new BatchLoader(set, Normalization.Compute(set), device);
        var batches = loader.BatchCount(batch);
        var epoch = 0;
        return Time(steps: 10, warmup: 1, batch, device, () =>
        {
            var order = loader.Order(shuffle: true, seed: epoch++);
            for (var b = 0; b < batches; b++)
            {
                using var scope = NewDisposeScope();
                loader.Batch(order, b, batch);
            }
        }) * batches;
    }

    /// <summary>
    /// The loader from the files: read an IDX data set (gzip or raw), compute its normalization, and serve one shuffled epoch
    /// of normalized float batches; images/s over the whole, so reading and decoding count.
    /// </summary>
    public static double IdxLoader(string folder, int batch, Device device)
    {
        var clock = Stopwatch.StartNew();
        var set = IdxDataset.Load(folder, DataSplit.Train);
        using var loader = new BatchLoader(set, Normalization.Compute(set), device);
        var order = loader.Order(shuffle: true, seed: 1);
        for (var b = 0; b < loader.BatchCount(batch); b++)
        {
            using var scope = NewDisposeScope();
            loader.Batch(order, b, batch);
        }

        Synchronize(device);
        return set.Count / clock.Elapsed.TotalSeconds;
    }

    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ShapeSafe.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("run the benchmarks inside the repository (ShapeSafe.slnx was not found)");
    }

    /// <summary>The model file as an image classifier: its <c>Sequential</c> (<see cref="ModuleBuilder"/>) or its graph (<see cref="GraphModule"/>).</summary>
    public static (nn.Module<Tensor, Tensor> Module, ImageSize Size, int Classes) Build(string path, Device device, ModelRuntime runtime = ModelRuntime.Sequential)
    {
        if (runtime == ModelRuntime.Graph)
        {
            var check = CheckService.Check(path, File.ReadAllText(path));
            var built = GraphModule.Build(check, device);
            if (built.Module is not { } graph || ImageSize.FromShape(check.Inputs.FirstOrDefault()) is not { } input || check.Output is not { Rank: 2 } logits)
            {
                throw new InvalidOperationException($"{path} does not build into an image classifier graph: {built.Failure}");
            }

            return (graph, input, checked((int)logits[1].Value));
        }

        var result = ModuleBuilder.FromModelText(path, File.ReadAllText(path), device: device);
        if (result.Module is not { } module || ImageSize.FromShape(result.Check.Input) is not { } size || result.Check.Output is not { Rank: 2 } output)
        {
            throw new InvalidOperationException($"{path} does not build into an image classifier: {result.Failure}");
        }

        return (module, size, checked((int)output[1].Value));
    }

    /// <summary>
    /// Images per second over <paramref name="steps"/> timed calls of <paramref name="step"/> (each of <paramref name="batch"/>
    /// images), after a warm-up of at least <paramref name="warmup"/> calls that also lasts until .NET's JIT has settled.
    /// </summary>
    private static double Time(int steps, int warmup, int batch, Device device, Action step)
    {
        WarmUp(warmup, step);

        Synchronize(device);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++)
        {
            step();
        }

        Synchronize(device);
        return (double)steps * batch / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Runs <paramref name="step"/> at least <paramref name="minimum"/> times, and on until the JIT compiled nothing new for
    /// three calls in a row and a second has passed (ten seconds at most). Tiered compilation recompiles every method that was
    /// called often (the shape check that builds a model runs thousands of them) on a background thread about 100 ms later;
    /// on a 2-core machine that thread takes a core from libtorch, so timing before it finishes charges a one-off start-up
    /// cost to whichever side ran more managed code first.
    /// </summary>
    private static void WarmUp(int minimum, Action step)
    {
        var clock = Stopwatch.StartNew();
        var quiet = 0;
        for (var i = 0; clock.Elapsed.TotalSeconds < 10; i++)
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            step();
            quiet = System.Runtime.JitInfo.GetCompiledMethodCount() == compiled ? quiet + 1 : 0;
            if (i + 1 >= minimum && quiet >= 3 && clock.Elapsed.TotalSeconds >= 1)
            {
                break;
            }
        }
    }

    private static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA)
        {
            cuda.synchronize();
        }
    }
}
