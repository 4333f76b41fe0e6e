using System.CommandLine;
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
/// Exit 0 when the forward pass runs through, 1 on a shape failure, 2 on a usage error.
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
        var command = new Command("trace", "Run a compiled TorchSharp module once and show each submodule's input and output shapes, explaining the first failure")
        {
            assembly, type, input, format, random,
        };
        command.SetAction(parse => Run(
            parse.GetValue(assembly)!,
            parse.GetValue(type),
            parse.GetValue(input),
            parse.GetValue(format) ?? "text",
            parse.GetValue(random),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string assemblyPath, string? typeName, string? inputText, string format, bool random, TextWriter output, TextWriter error)
    {
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

        if (!ModuleLoader.TryLoad(assemblyPath, typeName, out var module, out var loadError))
        {
            return Usage(error, loadError);
        }

        TraceResult result;
        using (module)
        {
            result = ShapeTracer.Trace(module!, shape, TraceOptions.Default with { Fill = random ? TraceInputFill.Random : TraceInputFill.Zeros });
        }

        if (result.Failure?.Descriptor == DiagnosticCatalog.TracedUnsupported)
        {
            return Usage(error, result.Failure.Message);
        }

        if (format == "json")
        {
            output.WriteLine(TraceJsonReport.Write(result, assemblyPath, typeName));
        }
        else
        {
            TraceTextRenderer.Render(Terminal.For(output), result, typeName);
        }

        return result.Succeeded ? ExitCodes.Ok : ExitCodes.Findings;
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
