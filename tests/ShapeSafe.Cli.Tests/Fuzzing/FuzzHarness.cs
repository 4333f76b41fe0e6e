using System.Diagnostics;

namespace ShapeSafe.Tests.Fuzzing;

/// <summary>
/// Runs fuzzing cases through the public commands in-process (<see cref="CliRunner"/>) and says what went wrong with
/// each: an exit code other than 0, 1 or 2 (3 is an internal error), an exception out of the CLI, a failure exit with
/// nothing printed, a stack trace in the output, a case still running after <see cref="CaseBound"/> (a hang: the case
/// fails, it is not a timing), or the process's peak working set or GC heap grown by more than <see cref="MemoryCap"/>.
/// </summary>
public static class FuzzHarness
{
    /// <summary>The hang detector's bound per case; a clean answer takes milliseconds to a second.</summary>
    public static readonly TimeSpan CaseBound = TimeSpan.FromSeconds(20);

    /// <summary>The most the process's peak working set or GC heap may grow over the suite's start.</summary>
    public const long MemoryCap = 1L << 30;

    private static readonly long BaselinePeak = CurrentPeak();
    private static readonly long BaselineHeap = GC.GetTotalMemory(forceFullCollection: true);

    /// <summary>The problem with one case (null when it ended cleanly), reproducible from <see cref="FuzzCase.Describe"/>.</summary>
    public static string? Run(FuzzCase fuzzCase)
    {
        var run = Task.Run(() => CliRunner.Run(fuzzCase.Args));
        bool finished;
        try
        {
            finished = run.Wait(CaseBound);
        }
        catch (AggregateException e)
        {
            var inner = e.InnerException ?? e;
            return $"{fuzzCase.Describe()}\n  exception out of the CLI: {inner.GetType().Name}: {FirstLine(inner.Message)}";
        }

        if (!finished)
        {
            return $"{fuzzCase.Describe()}\n  still running after {CaseBound.TotalSeconds:0} s (hang)";
        }

        var result = run.Result;
        var problem = result.ExitCode is < 0 or > 2 ? $"exit code {result.ExitCode}"
            : result.ExitCode != 0 && (result.Output + result.Error).Trim().Length == 0 ? $"exit code {result.ExitCode} with nothing printed"
            : (result.Output + result.Error).Contains("\n   at ", StringComparison.Ordinal) ? "a stack trace in the output"
            : MemoryProblem();
        return problem is null ? null : $"{fuzzCase.Describe()}\n  {problem}: {FirstLine(result.Error.Trim().Length > 0 ? result.Error : result.Output)}";
    }

    /// <summary>Memory growth over the suite's start, or null within <see cref="MemoryCap"/>.</summary>
    public static string? MemoryProblem()
    {
        var peak = CurrentPeak() - BaselinePeak;
        if (peak > MemoryCap)
        {
            return $"peak working set grew by {peak >> 20} MiB (cap {MemoryCap >> 20} MiB)";
        }

        var heap = GC.GetTotalMemory(forceFullCollection: false) - BaselineHeap;
        return heap > MemoryCap ? $"GC heap grew by {heap >> 20} MiB (cap {MemoryCap >> 20} MiB)" : null;
    }

    private static long CurrentPeak()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static string FirstLine(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}
