using System.Diagnostics;

namespace ShapeSafe.Onnx.Tests.TestSupport;

/// <summary>A theory that is skipped (with the reason shown) where <c>/usr/bin/python3 -c "import onnx"</c> fails.</summary>
public sealed class PythonOnnxTheoryAttribute : TheoryAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> Available = new(() => Run("-c \"import onnx\"").ExitCode == 0);

    public PythonOnnxTheoryAttribute()
    {
        if (!Available.Value)
        {
            Skip = $"the onnx package is not installed for {Python} (apt-get install python3-onnx)";
        }
    }

    /// <summary>Runs python3 with <paramref name="arguments"/>; exit code and both outputs (exit code -1 where python3 cannot start).</summary>
    public static (int ExitCode, string Output) Run(string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, arguments) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (process is null)
            {
                return (-1, "python3 did not start");
            }

            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
