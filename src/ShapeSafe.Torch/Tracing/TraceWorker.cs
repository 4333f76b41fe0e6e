using System.Diagnostics;
using System.Text;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// Runs a trace in a child process and waits for it at most a given time, so user code that makes
/// libtorch abort (TorchSharp's Tensor.matmul on mismatched shapes) or never returns cannot end or
/// hang the caller. The child reports through a <see cref="TraceLog"/> file (its arguments name it);
/// its standard error (libtorch's abort message) and, unless inherited, its standard output are captured.
/// </summary>
public static class TraceWorker
{
    /// <summary>A fresh path for the child's log, in the temporary folder.</summary>
    public static string NewLogPath() => Path.Combine(Path.GetTempPath(), $"shapesafe-trace-{Guid.NewGuid():N}.jsonl");

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> (which must make it log to
    /// <paramref name="logPath"/>), waits up to <paramref name="timeout"/>, stops it (with its children)
    /// past that, reads the log and deletes it. With <paramref name="inheritOutput"/> the child writes
    /// straight to this process's standard output (a terminal keeps its colors).
    /// </summary>
    public static TraceWorkerRun Run(string fileName, IEnumerable<string> arguments, string logPath, TimeSpan timeout, bool inheritOutput)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = !inheritOutput,
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (!inheritOutput)
        {
            start.StandardOutputEncoding = Encoding.UTF8;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
            var output = inheritOutput ? Task.FromResult(string.Empty) : process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            var timedOut = !process.WaitForExit(timeout);
            if (timedOut)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            else
            {
                // Drains the redirected streams.
                process.WaitForExit();
            }

            return new TraceWorkerRun
            {
                Log = TraceLog.Read(logPath),
                ExitCode = process.ExitCode,
                TimedOut = timedOut,
                Output = output.GetAwaiter().GetResult(),
                NativeError = error.GetAwaiter().GetResult(),
            };
        }
        finally
        {
            File.Delete(logPath);
        }
    }
}
