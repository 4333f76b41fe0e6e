using System.Diagnostics;

namespace ShapeSafe.Tests.TestSupport;

/// <summary>Runs tests/interop/pytorch_side.py, which builds a model file's network in PyTorch on its own (never through ShapeSafe).</summary>
public static class PyTorchSide
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> Available = new(() => File.Exists(Python) && Exec(["-c", "import torch, numpy"]).ExitCode == 0);

    public static bool IsAvailable => Available.Value;

    public static string Script => Path.Combine(CliRunner.RepoRoot, "tests", "interop", "pytorch_side.py");

    /// <summary>Loads <paramref name="weights"/> strictly into the model file's PyTorch network and writes its eval output.</summary>
    public static void Run(string model, string weights, string input, string output) => Check(Exec(["-W", "ignore", Script, "run", model, weights, input, output]));

    /// <summary>Seeds the PyTorch network, randomizes BatchNorm statistics, torch.saves its state_dict and writes its eval output.</summary>
    public static void Save(string model, string input, string weights, string output, int seed) =>
        Check(Exec(["-W", "ignore", Script, "save", model, input, weights, output, seed.ToString(System.Globalization.CultureInfo.InvariantCulture)]));

    /// <summary>
    /// PyTorch's own side for a .py model: executes the file's definitions, instantiates <paramref name="className"/>,
    /// loads <paramref name="weights"/> (torch.load) with strict=True and writes its eval output on the .npy input.
    /// </summary>
    public static void RunSource(string source, string className, string weights, string input, string output) => Check(Exec(["-W", "ignore", "-c", """
        import sys, numpy as np, torch
        source, class_name, weights, input_path, output_path = sys.argv[1:6]
        namespace = {"__name__": "model"}
        exec(compile(open(source).read(), source, "exec"), namespace)
        model = namespace[class_name]()
        model.load_state_dict(torch.load(weights), strict=True)
        model.eval()
        with torch.no_grad():
            out = model(torch.from_numpy(np.load(input_path)))
        np.save(output_path, out.numpy().astype(np.float32))
        """, source, className, weights, input, output]));

    /// <summary>
    /// PyTorch's own side for a .py model: instantiates <paramref name="className"/> (seeded), randomizes BatchNorm running
    /// statistics, torch.saves its state_dict to <paramref name="weights"/> and writes its eval output on the .npy input.
    /// </summary>
    public static void SaveSource(string source, string className, string input, string weights, string output) => Check(Exec(["-W", "ignore", "-c", """
        import sys, numpy as np, torch
        source, class_name, input_path, weights, output_path = sys.argv[1:6]
        namespace = {"__name__": "model"}
        exec(compile(open(source).read(), source, "exec"), namespace)
        torch.manual_seed(3)
        model = namespace[class_name]()
        for m in model.modules():
            if isinstance(m, torch.nn.modules.batchnorm._BatchNorm):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 1.5)
        torch.save(model.state_dict(), weights)
        model.eval()
        with torch.no_grad():
            out = model(torch.from_numpy(np.load(input_path)))
        np.save(output_path, out.numpy().astype(np.float32))
        """, source, className, input, weights, output]));

    private static void Check((int ExitCode, string Output) result)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pytorch_side.py failed ({result.ExitCode}):\n{result.Output}");
        }
    }

    private static (int ExitCode, string Output) Exec(string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
