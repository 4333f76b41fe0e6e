using System.CommandLine;
using System.ComponentModel;
using System.Globalization;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Cli.Rendering;
using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;
using ShapeSafe.Torch.Tracing;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe trace ASSEMBLY.dll --type Namespace.ClassName --input 1x3x64x64 [--format text|json]</c>:
/// loads a compiled TorchSharp module, runs it once on a tensor of that shape with hooks on every
/// submodule, and prints each call's shapes, then the first failure explained in the module's terms.
/// The module's code runs in a child process (this CLI again, with the hidden --worker-log option), so
/// user code that makes libtorch abort, or never returns, ends the child and is reported (SS0305,
/// SS0306) instead of ending shapesafe. Exit 0 when the forward pass runs through, 1 on a shape failure
/// or an aborted or stopped child, 2 on a usage error.
/// </summary>
public static class TraceCommand
{
    public static Command Create()
    {
        var assembly = new Argument<string>("assembly") { Description = "The compiled assembly (.dll) that defines the module" };
        var type = new Option<string?>("--type") { Description = "The module class, e.g. MyApp.Models.CNNModel (a bare class name works when it is unique)" };
        var input = new Option<string?>("--input") { Description = "Input shape, batch first, e.g. 1x3x64x64 (a symbolic batch such as N is traced as 1)" };
        var format = SharedOptions.Format();
        var random = new Option<bool>("--random") { Description = "Fill the input with seeded normal values instead of zeros (for forward code that depends on values)" };
        var timeout = new Option<double>("--timeout") { Description = "Stop the traced code after this many seconds", DefaultValueFactory = _ => DefaultTimeoutSeconds };
        var workerLog = new Option<string?>(WorkerLogOption) { Description = "Internal: run the module in this process and log each call to this file", Hidden = true };
        var command = new Command("trace", "Run a compiled TorchSharp module once (its code runs, in a child process) and show each submodule's input and output shapes, explaining the first failure")
        {
            assembly, type, input, format, random, timeout, workerLog,
        };
        command.SetAction(parse => Run(
            new TraceRequest(
                parse.GetValue(assembly)!,
                parse.GetValue(type),
                parse.GetValue(input),
                parse.GetValue(format) ?? "text",
                parse.GetValue(random),
                parse.GetValue(timeout),
                parse.GetValue(workerLog)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Seconds a trace may run before its child process is stopped.</summary>
    internal const double DefaultTimeoutSeconds = 120;

    private const string WorkerLogOption = "--worker-log";

    /// <summary>Everything trace was asked to do; <see cref="WorkerLog"/> is set in the child process only.</summary>
    internal sealed record TraceRequest(
        string AssemblyPath, string? TypeName, string? InputText, string Format, bool Random, double TimeoutSeconds, string? WorkerLog);

    internal static int Run(TraceRequest request, TextWriter output, TextWriter error)
    {
        var (assemblyPath, typeName, inputText, format, random, timeoutSeconds, workerLog) = request;
        if (string.IsNullOrWhiteSpace(typeName))
        {
            return Usage(error, "--type is required: the module class to trace, e.g. --type MyApp.Models.CNNModel");
        }

        if (string.IsNullOrWhiteSpace(inputText))
        {
            return Usage(error, "--input is required: the input shape, batch first, e.g. --input 1x3x64x64");
        }

        if (ParseInput(inputText, out var problem) is not { } shape)
        {
            return Usage(error, problem);
        }

        if (!(timeoutSeconds > 0) || double.IsInfinity(timeoutSeconds))
        {
            return Usage(error, $"--timeout must be a positive number of seconds, not {timeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
        }

        return workerLog is null
            ? RunInChild(request, typeName, shape, output, error)
            : RunHere(assemblyPath, typeName, shape, format, random, workerLog, output);
    }

    /// <summary>The parent: runs the trace in a child process and relays its output, or reports how it ended.</summary>
    private static int RunInChild(TraceRequest request, string typeName, long[] shape, TextWriter output, TextWriter error)
    {
        var (fileName, prefix) = WorkerCommand();
        var log = TraceWorker.NewLogPath();
        List<string> arguments = [.. prefix, "trace", request.AssemblyPath, "--type", typeName, "--input", request.InputText!, "--format", request.Format, WorkerLogOption, log];
        if (request.Random)
        {
            arguments.Add("--random");
        }

        var inherit = Terminal.IsInteractive(output);
        var timeout = TimeSpan.FromSeconds(request.TimeoutSeconds);
        TraceWorkerRun run;
        try
        {
            run = TraceWorker.Run(fileName, arguments, log, timeout, inherit);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            error.WriteLine($"error: could not start the trace's child process ({fileName}): {e.Message}");
            return ExitCodes.Findings;
        }

        if (run.Finished)
        {
            output.Write(run.Output);
            error.Write(run.Log.Exit!.Error);
            return run.Log.Exit.Code;
        }

        var result = TraceAbortExplainer.Explain(run, typeName, Shape.Of(shape), timeout);
        Render(result, request.Format, request.AssemblyPath, typeName, output);
        return ExitCodes.Findings;
    }

    /// <summary>How to start this CLI again: its apphost, or the dotnet host with its dll.</summary>
    private static (string FileName, string[] Prefix) WorkerCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var cli = typeof(TraceCommand).Assembly.Location;
        var name = Path.GetFileNameWithoutExtension(process);
        if (cli.Length == 0 || string.Equals(name, "shapesafe", StringComparison.OrdinalIgnoreCase))
        {
            return (process, []);
        }

        var host = string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase) ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath
            : "dotnet";
        return (host, [cli]);
    }

    /// <summary>The child: loads and traces the module in this process, logging every call, then its exit and error text.</summary>
    private static int RunHere(string assemblyPath, string typeName, long[] shape, string format, bool random, string workerLog, TextWriter output)
    {
        using var error = new StringWriter();
        var code = Trace(assemblyPath, typeName, shape, format, random, new TraceLogWriter(workerLog), output, error);
        output.Flush();
        TraceLog.WriteExit(workerLog, code, error.ToString());
        return code;
    }

    private static int Trace(string assemblyPath, string typeName, long[] shape, string format, bool random, ITraceObserver observer, TextWriter output, TextWriter error)
    {
        if (!ModuleLoader.TryLoad(assemblyPath, typeName, out var module, out var loadError))
        {
            return Usage(error, loadError);
        }

        TraceResult result;
        using (module)
        {
            result = ShapeTracer.Trace(module!, shape, TraceOptions.Default with { Fill = random ? TraceInputFill.Random : TraceInputFill.Zeros, Observer = observer });
        }

        if (result.Failure?.Descriptor == DiagnosticCatalog.TracedUnsupported)
        {
            return Usage(error, result.Failure.Message);
        }

        Render(result, format, assemblyPath, typeName, output);
        return result.Succeeded ? ExitCodes.Ok : ExitCodes.Findings;
    }

    private static void Render(TraceResult result, string format, string assemblyPath, string typeName, TextWriter output)
    {
        if (format == "json")
        {
            output.WriteLine(TraceJsonReport.Write(result, assemblyPath, typeName));
        }
        else
        {
            TraceTextRenderer.Render(Terminal.For(output), result, typeName);
        }
    }

    /// <summary>The input as sizes: a symbolic batch (N) is traced as 1; any other symbolic size is an error.</summary>
    internal static long[]? ParseInput(string text, out string problem)
    {
        problem = string.Empty;
        if (!ShapeParser.TryParse(text, out var shape, out var parseError))
        {
            problem = $"--input: {parseError}";
            return null;
        }

        var sizes = new long[shape.Rank];
        for (var i = 0; i < shape.Rank; i++)
        {
            if (shape[i].IsKnown)
            {
                sizes[i] = shape[i].Value;
            }
            else if (i == 0)
            {
                sizes[i] = 1;
            }
            else
            {
                problem = $"--input: dimension {i} ('{shape[i]}') must be a size: a trace runs real tensors; only the batch may be symbolic (it is traced as 1)";
                return null;
            }
        }

        return sizes;
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        return ExitCodes.Usage;
    }
}
