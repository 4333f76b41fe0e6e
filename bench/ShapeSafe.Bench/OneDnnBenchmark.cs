using System.Globalization;
using System.Runtime.InteropServices;
using ShapeSafe.Torch.Native;
using static TorchSharp.torch;

namespace ShapeSafe.Bench;

/// <summary>
/// The oneDNN question: with libtorch's oneDNN as ShapeSafe's start-up check leaves it (auto, the default), forced on, off or ISA-limited, are float32 convolutions
/// right (against float64, on the shapes oneDNN got wrong on an AMD EPYC) and how fast does a conv model train?
/// <code>
/// dotnet bench/ShapeSafe.Bench/bin/Release/net10.0/ShapeSafe.Bench.dll onednn [--mkldnn auto|on|off] [--isa AVX2] [--sweep 200] [--model seed] [--threads 2] [--steps 10] [--warmup 3]
/// </code>
/// <c>--sweep N</c> also runs N seeded random convolutions (1-d and 2-d, plain and transposed, forward) and counts those
/// whose float32 result is off from float64 by more than 1e-3 of the output's largest magnitude (at least 1e-3).
/// <c>--isa</c> sets ONEDNN_MAX_CPU_ISA (and DNNL_MAX_CPU_ISA) in the native environment before libtorch starts. Prints
/// one line per case and a JSON line.
/// </summary>
public static class OneDnnBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        if (options.GetValueOrDefault("isa") is { } isa)
        {
            NativeEnvironment.Set("ONEDNN_MAX_CPU_ISA", isa);
            NativeEnvironment.Set("DNNL_MAX_CPU_ISA", isa);
        }

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

        var choice = options.GetValueOrDefault("mkldnn", "auto");
        var state = NativeRuntime.OneDnn;
        var on = choice == "auto" ? state?.Enabled == true : choice == "on";
        if (choice != "auto" && !MkldnnSwitch.Set(on))
        {
            Console.Error.WriteLine("error: libtorch_cpu's at::Context::setUserEnabledMkldnn was not found");
            return 3;
        }

        Console.WriteLine($"ShapeSafe's start-up decision: {state?.Reason ?? "none"}");
        var mode = (choice == "auto" ? "auto, " : string.Empty) + (on ? (options.GetValueOrDefault("isa") is { } limit ? $"on, ISA {limit}" : "on") : "off");
        Console.WriteLine($"oneDNN {mode}, {get_num_threads()} threads");
        var results = new List<(string Name, double Value)>();
        foreach (var (name, run) in Cases)
        {
            var difference = MaxDifference(run);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-28} max |float32 - float64| = {difference:0.###e+0}"));
            results.Add(("diff_" + name, difference));
        }

        if (Options.Int(options, "sweep", 0) is > 0 and var sweep)
        {
            var (wrong, worst, example) = Sweep(sweep);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sweep: {wrong} of {sweep} random convolutions wrong; worst relative error {worst:0.###e+0} ({example})"));
            results.Add(("sweep_wrong", wrong));
            results.Add(("sweep_worst", worst));
        }

        var model = Options.ModelPath(options.GetValueOrDefault("model", "seed"));
        var batch = Options.Int(options, "batch", 128);
        var steps = Options.Int(options, "steps", 10);
        var warmup = Options.Int(options, "warmup", 3);
        var train = Throughput.Train(model, batch, steps, warmup, CPU);
        var infer = Throughput.Infer(model, batch, steps, warmup, CPU);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train   {train,10:0} images/s\ninfer   {infer,10:0} images/s"));
        results.Add(("train", train));
        results.Add(("infer", infer));
        Console.WriteLine("{" + string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"\"{r.Name}\": {r.Value:G6}"))) + "}");
        return 0;
    }

    /// <summary>
    /// Float32 convolutions whose result is compared with the same op in float64: the two shapes oneDNN got wrong
    /// (tcn_chomp's Conv1d, dcgan_generator's ConvTranspose2d), a 3x3 Conv2d as in the seed model and its weight gradient.
    /// </summary>
    private static IEnumerable<(string Name, Func<ScalarType, Tensor> Run)> Cases
    {
        get
        {
            yield return ("conv1d 25ch k7", dtype => Seeded(g => nn.functional.conv1d(
                randn([4, 25, 784], generator: g).to(dtype), (randn([25, 25, 7], generator: g) * 0.1).to(dtype), randn([25], generator: g).to(dtype), padding: 6)));
            yield return ("conv_transpose2d 1x1 in", dtype => Seeded(g => nn.functional.conv_transpose2d(
                randn([4, 100, 1, 1], generator: g).to(dtype), (randn([100, 512, 4, 4], generator: g) * 0.05).to(dtype), randn([512], generator: g).to(dtype))));
            yield return ("conv2d 3x3 32->64", dtype => Seeded(g => nn.functional.conv2d(
                randn([8, 32, 32, 32], generator: g).to(dtype), (randn([64, 32, 3, 3], generator: g) * 0.1).to(dtype), randn([64], generator: g).to(dtype), padding: [1, 1])));
            yield return ("conv2d 3x3 weight grad", dtype => Seeded(g =>
            {
                var w = (randn([64, 32, 3, 3], generator: g) * 0.1).to(dtype).requires_grad_(true);
                var y = nn.functional.conv2d(randn([8, 32, 32, 32], generator: g).to(dtype), w, padding: [1, 1]);
                y.mul(randn(y.shape, generator: g).to(dtype)).sum().backward();
                return w.grad!.detach().clone();
            }));
        }
    }

    /// <summary>Random convolutions (seeded, the same in every mode): how many are wrong in float32, and the worst.</summary>
    private static (int Wrong, double Worst, string Example) Sweep(int count)
    {
        var random = new Random(7);
        var (wrong, worst, example) = (0, 0.0, "none");
        for (var i = 0; i < count; i++)
        {
            var op = random.Next(4);
            var (n, cin, cout, k) = (random.Next(1, 5), random.Next(1, 65), random.Next(1, 65), random.Next(1, 8));
            var (stride, padding) = (random.Next(1, 3), random.Next(0, (k / 2) + 1));
            var size = random.Next(k, op % 2 == 0 ? 200 : 40);
            var name = $"{(op < 2 ? "conv" : "conv_transpose")}{(op % 2 == 0 ? 1 : 2)}d n{n} {cin}->{cout} k{k} s{stride} p{padding} size {size}";
            Tensor Run(ScalarType dtype) => Seeded(g =>
            {
                long[] spatial = op % 2 == 0 ? [size] : [size, size];
                long[] kernel = op % 2 == 0 ? [k] : [k, k];
                var x = randn([n, cin, .. spatial], generator: g).to(dtype);
                var w = (randn(op < 2 ? [cout, cin, .. kernel] : [cin, cout, .. kernel], generator: g) / Math.Sqrt(cin * k)).to(dtype);
                var b = randn([cout], generator: g).to(dtype);
                return op switch
                {
                    0 => nn.functional.conv1d(x, w, b, stride, padding),
                    1 => nn.functional.conv2d(x, w, b, [stride, stride], [padding, padding]),
                    2 => nn.functional.conv_transpose1d(x, w, b, stride, padding),
                    _ => nn.functional.conv_transpose2d(x, w, b, [stride, stride], [padding, padding]),
                };
            });
            using var scope = NewDisposeScope();
            var reference = Run(ScalarType.Float64);
            var difference = (Run(ScalarType.Float32).to(ScalarType.Float64) - reference).abs().max().item<double>();
            var relative = difference / Math.Max(1, reference.abs().max().item<double>());
            wrong += relative > 1e-3 ? 1 : 0;
            (worst, example) = relative > worst ? (relative, name) : (worst, example);
        }

        return (wrong, worst, example);
    }

    private static Tensor Seeded(Func<Generator, Tensor> run)
    {
        using var generator = new Generator(0);
        return run(generator);
    }

    private static double MaxDifference(Func<ScalarType, Tensor> run)
    {
        using var scope = NewDisposeScope();
        var single = run(ScalarType.Float32).to(ScalarType.Float64);
        var reference = run(ScalarType.Float64);
        return (single - reference).abs().max().item<double>();
    }

    /// <summary><c>at::globalContext().setUserEnabledMkldnn(bool)</c> in the libtorch_cpu this process loaded.</summary>
    private static class MkldnnSwitch
    {
        private delegate IntPtr GlobalContext();

        private delegate void SetEnabled(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

        public static bool Set(bool enabled)
        {
            var path = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(p => p.Length >= 6 && p[5].EndsWith("/libtorch_cpu.so", StringComparison.Ordinal)).Select(p => p[5]).FirstOrDefault();
            if (path is null || !NativeLibrary.TryLoad(path, out var handle)
                || !NativeLibrary.TryGetExport(handle, "_ZN2at13globalContextEv", out var context)
                || !NativeLibrary.TryGetExport(handle, "_ZN2at7Context20setUserEnabledMkldnnEb", out var set))
            {
                return false;
            }

            Marshal.GetDelegateForFunctionPointer<SetEnabled>(set)(Marshal.GetDelegateForFunctionPointer<GlobalContext>(context)(), enabled);
            return true;
        }
    }
}
