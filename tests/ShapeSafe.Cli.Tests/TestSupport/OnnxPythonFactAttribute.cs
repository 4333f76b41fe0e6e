using System.Diagnostics;

namespace ShapeSafe.Tests.TestSupport;

/// <summary>A fact that is skipped (with the reason shown) where <c>/usr/bin/python3 -c "import onnx"</c> fails.</summary>
public sealed class OnnxPythonFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() => File.Exists(PyTorchSide.Python) && Check("-c", "import onnx").ExitCode == 0);

    public OnnxPythonFactAttribute()
    {
        if (!Available.Value)
        {
            Skip = $"the onnx Python package is not installed for {PyTorchSide.Python} (apt-get install python3-onnx)";
        }
    }

    /// <summary>Runs python3 with <paramref name="args"/>; the exit code and stdout + stderr.</summary>
    public static (int ExitCode, string Output) Check(params string[] args)
    {
        var start = new ProcessStartInfo(PyTorchSide.Python) { RedirectStandardOutput = true, RedirectStandardError = true };
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
