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
