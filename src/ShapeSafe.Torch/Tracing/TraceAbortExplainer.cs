using System.Globalization;
using System.Text.RegularExpressions;
using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// Turns a trace's child process that did not finish (libtorch aborted it, or it ran past its time)
/// into a <see cref="TraceResult"/>: the rows it recorded before, and one diagnostic (SS0305 or
/// SS0306) saying where it stopped, libtorch's own message, and the likely cause.
/// </summary>
public static partial class TraceAbortExplainer
{
    public static TraceResult Explain(TraceWorkerRun run, string moduleType, Shape input, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(run);
        var log = run.Log;
        var traceInput = log.Input ?? input;
        var replay = Play(log.Events);
        var (where, producer, shape) = Where(replay, traceInput, log.ModuleType is not null);
        Diagnostic failure;
        if (run.TimedOut)
        {
            failure = Diagnostic.Create(DiagnosticCatalog.TracedTimedOut, SourceSpan.None,
                timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture), $"it was {where}");
        }
        else
        {
            var message = AbortMessage(run.NativeError);
            var notes = new List<string>();
            if (message is not null && MatMulShapes().Match(message) is { Success: true } m)
            {
                var (a, b, c, d) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value);
                notes.Add($"likely cause: a matrix product (Tensor.matmul, mm or @) of [{a} x {b}] and [{c} x {d}]: the inner sizes {b} and {c} must be equal. "
                    + "TorchSharp's Tensor.matmul lets this libtorch error end the process instead of raising an exception; check the shapes before the call, or use a Linear module, which raises one");
            }

            notes.Add("the trace ran in a child process, so shapesafe itself survived the abort; the rows are the calls recorded before it");
            failure = Diagnostic.Create(DiagnosticCatalog.TracedProcessAborted, SourceSpan.None, where,
                message ?? $"it ended without a message (exit code {run.ExitCode})") with
            {
                Notes = notes,
                RawMessage = message,
            };
        }

        failure = failure with
        {
            Layer = producer is null ? null : new LayerRef(0, producer.Path, producer.Type),
            Actual = shape is null ? null : new Fact(shape.ToString(), producer is null ? "the input" : $"{Label(producer, replay)} produces it"),
        };
        return new TraceResult
        {
            ModuleType = log.ModuleType ?? moduleType,
            Input = traceInput,
            Rows = replay.Rows,
            Failure = failure,
            Diagnostics = [failure],
            TotalParameters = log.TotalParameters,
        };
    }

    /// <summary>The first line libtorch's terminate handler printed after "what():", or null.</summary>
    internal static string? AbortMessage(string nativeError)
    {
        foreach (var line in nativeError.Split('\n'))
        {
            var at = line.IndexOf("what():", StringComparison.Ordinal);
            if (at >= 0 && line[(at + "what():".Length)..].Trim() is { Length: > 0 } message)
            {
                return message;
            }
        }

        return null;
    }

    private static (string Where, TraceStep? Producer, Shape? Shape) Where(Replay replay, Shape input, bool started)
    {
        if (!started)
        {
            return ("while the module was loaded or constructed, before the forward pass", null, null);
        }

        var last = replay.LastCompletedLeaf;
        if (replay.Open.Count > 0 && replay.Open[^1] is var (innermost, leavesBefore))
        {
            if (innermost.IsLeaf)
            {
                return ($"inside {Label(innermost, replay)} ({innermost.Construction}) on input {innermost.Input?.ToString() ?? "(not a single tensor)"}", null, innermost.Input);
            }

            if (last is { Output: { } o } && last.Index > leavesBefore)
            {
                return ($"in `{innermost.Path}`'s forward, after {Label(last, replay)} produced {o}", last, o);
            }

            return ($"at the start of `{innermost.Path}`'s forward, on its input {innermost.Input?.ToString() ?? "(not a single tensor)"}", null, innermost.Input);
        }

        return last is { Output: { } output }
            ? ($"in the forward code after {Label(last, replay)} produced {output}", last, output)
            : ($"in the forward code before any submodule ran, on the input {input}", null, input);
    }

    private static string Label(TraceStep step, Replay replay) =>
        replay.Calls.GetValueOrDefault(step.Path) > 1 || step.Call > 1 ? $"`{step.Path}` (call {step.Call})" : $"`{step.Path}`";

    private static Replay Play(IReadOnlyList<(bool Left, TraceStep Step)> events)
    {
        var replay = new Replay();
        foreach (var (left, step) in events)
        {
            if (!left)
            {
                replay.Calls[step.Path] = replay.Calls.GetValueOrDefault(step.Path) + 1;
                replay.Open.Add((step, replay.Rows.Count));
                if (step.IsLeaf)
                {
                    replay.Rows.Add(Row(step, failed: false));
                }

                continue;
            }

            var at = replay.Open.FindLastIndex(o => o.Step.Path == step.Path && o.Step.Call == step.Call);
            if (at < 0)
            {
                continue;
            }

            replay.Open.RemoveRange(at, replay.Open.Count - at);
            if (step.IsLeaf)
            {
                replay.LastCompletedLeaf = step;
                var row = replay.Rows.FindLastIndex(r => r.Index == step.Index);
                if (row >= 0)
                {
                    replay.Rows[row] = replay.Rows[row] with { OutputShape = step.Output };
                }
            }
        }

        if (replay.Open.Count > 0 && replay.Open[^1].Step is { IsLeaf: true } failing)
        {
            var row = replay.Rows.FindLastIndex(r => r.Index == failing.Index);
            replay.Rows[row] = replay.Rows[row] with { Failed = true };
        }

        return replay;
    }

    private static TraceRow Row(TraceStep step, bool failed) => new()
    {
        Index = step.Index,
        Path = step.Path,
        Type = step.Type,
        Construction = step.Construction,
        Call = step.Call,
        InputShape = step.Input,
        Parameters = step.Parameters,
        Failed = failed,
    };

    [GeneratedRegex(@"mat1 and mat2 shapes cannot be multiplied \((\d+)x(\d+) and (\d+)x(\d+)\)")]
    private static partial Regex MatMulShapes();

    /// <summary>The log replayed: rows, calls still open (with the number of leaf rows before each), calls per path.</summary>
    private sealed class Replay
    {
        public List<TraceRow> Rows { get; } = [];

        public List<(TraceStep Step, int LeavesBefore)> Open { get; } = [];

        public Dictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

        public TraceStep? LastCompletedLeaf { get; set; }
    }
}
