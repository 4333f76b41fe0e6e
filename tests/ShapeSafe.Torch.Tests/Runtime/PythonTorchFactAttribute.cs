using System.Diagnostics;

namespace ShapeSafe.Tests.Runtime;

/// <summary>A theory that is skipped (with the reason shown) where <c>/usr/bin/python3 -c "import torch"</c> fails.</summary>
public sealed class PythonTorchTheoryAttribute : TheoryAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> Available = new(Probe);

    public PythonTorchTheoryAttribute()
    {
        if (!Available.Value)
        {
            Skip = $"PyTorch is not installed for {Python} (apt-get install python3-torch)";
        }
    }

    private static bool Probe()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, "-c \"import torch\"") { RedirectStandardError = true, RedirectStandardOutput = true });
            if (process is null)
            {
                return false;
            }

            process.WaitForExit(60_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
