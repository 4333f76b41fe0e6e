using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ShapeSafe.Tests.Kills;

/// <summary>
/// A real `shapesafe train` child process (the built CLI, as CheckProcessTests starts it), SIGKILLed at a trigger.
/// Collects the epochs it printed; a process still running after <see cref="Bound"/> is killed and reported as a hang.
/// </summary>
public sealed partial class TrainProcess
{
    /// <summary>The hang detector's bound for one run (a run lasts a few seconds).</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private TrainProcess(int exitCode, bool killed, bool hung, IReadOnlyList<int> epochs, string output, string error) =>
        (ExitCode, Killed, Hung, Epochs, Output, Error) = (exitCode, killed, hung, epochs, output, error);

    public int ExitCode { get; }

    /// <summary>Whether the trigger fired and the process was SIGKILLed.</summary>
    public bool Killed { get; }

    public bool Hung { get; }

    /// <summary>The epoch numbers of the "epoch N/M: train loss ..." lines it printed, in order.</summary>
    public IReadOnlyList<int> Epochs { get; }

    public string Output { get; }

    public string Error { get; }

    /// <summary>Runs `shapesafe ARGS` and SIGKILLs it at <paramref name="trigger"/> number <paramref name="count"/>; <paramref name="trigger"/> null runs it to the end.</summary>
    public static TrainProcess Run(string[] args, string outputFolder, KillTrigger? trigger, int count)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "shapesafe.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFolder))!);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(Path.GetFullPath(outputFolder))!) { IncludeSubdirectories = true, Filter = "*" + ShapeSafe.IO.AtomicFile.TemporarySuffix };
        using var process = Process.Start(start)!;
        var killed = 0;
        var hung = false;
        void Kill()
        {
            if (Interlocked.Exchange(ref killed, 1) == 0)
            {
                try
                {
                    process.Kill(); // SIGKILL on Linux
                }
                catch (InvalidOperationException)
                {
                    // It had already exited.
                }
            }
        }

        var writes = 0;
        if (trigger == KillTrigger.DuringWrite)
        {
            watcher.Created += (_, _) =>
            {
                if (Interlocked.Increment(ref writes) == count)
                {
                    Kill();
                }
            };
            watcher.EnableRaisingEvents = true;
        }

        using var guard = new CancellationTokenSource(Bound);
        using var registration = guard.Token.Register(() =>
        {
            hung = true;
            Kill();
        });
        var error = process.StandardError.ReadToEndAsync();
        var output = new List<string>();
        var epochs = new List<int>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            output.Add(line);
            if (trigger == KillTrigger.FirstLine)
            {
                Kill();
            }

            if (EpochLine().Match(line) is { Success: true } match)
            {
                epochs.Add(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                if (trigger == KillTrigger.AfterEpochLine && epochs.Count == count)
                {
                    Kill();
                }
            }
        }

        process.WaitForExit();
        return new TrainProcess(process.ExitCode, killed == 1 && !hung, hung, epochs, string.Join('\n', output), error.Result);
    }

    [GeneratedRegex(@"^epoch (\d+)/\d+: train loss")]
    private static partial Regex EpochLine();
}
