using System.Diagnostics;

namespace ShapeSafe.Tests.TestSupport;

/// <summary>Runs /usr/bin/python3 (a script, <c>-c</c> code, or <c>-m torch.distributed.run</c> for torchrun) and captures what it printed.</summary>
public static class PythonProcess
{
    public static (int ExitCode, string Output, string Error) Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(PyTorchSide.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PYTHONWARNINGS"] = "ignore";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python3 {string.Join(' ', args)} did not finish in 3 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>torchrun with two gloo processes on this machine (a free rendezvous port; Debian's torchrun on Python 3.11 needs --redirects/--tee).</summary>
    public static (int ExitCode, string Output, string Error) TorchRun(string workingDirectory, string script, params string[] args) =>
        Run(workingDirectory, ["-m", "torch.distributed.run", "--standalone", "--nnodes=1", "--nproc_per_node=2", "--redirects", "1", "--tee", "1", script, .. args]);
}
