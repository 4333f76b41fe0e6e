using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Imaging;
using ShapeSafe.IO;
using ShapeSafe.Interop;
using ShapeSafe.Onnx.Runtime;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe run MODEL.onnx</c> and <c>shapesafe predict MODEL.onnx</c> on ONNX Runtime. This class names no
/// TorchSharp or ShapeSafe.Torch type, so a .onnx command never loads libtorch: the commands route here from their
/// actions before any method that mentions TorchSharp is compiled (the JIT resolves types per method).
/// </summary>
internal static class OnnxServing
{
    /// <summary>The JSON of predict (snake_case, as the checkpoint predict writes it).</summary>
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>True for a path the .onnx commands take (by extension, case-insensitive).</summary>
    public static bool IsOnnx(string path) => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the TorchSharp-only options cannot go with a .onnx model; null when none was given.</summary>
    public static string? RefuseTorchOptions(string device, string? libtorch, params (string Name, bool Given)[] others)
    {
        if (device != "cpu")
        {
            return $"--device {device}: a .onnx model runs on ONNX Runtime's CPU provider; leave --device out";
        }

        if (libtorch is not null)
        {
            return "--libtorch is for checkpoints; a .onnx model runs on ONNX Runtime without libtorch";
        }

        return others.Where(o => o.Given).Select(o => $"{o.Name} is for model files, .py models and checkpoints, not for a .onnx model").FirstOrDefault();
    }

    /// <summary>
    /// <c>run MODEL.onnx --input X.npy --output Y.npy [--output Y1.npy ...]</c>: one --output per model output (a
    /// tuple-returning model has several, in order), each written as float32 .npy.
    /// </summary>
    public static int Run(string modelPath, string inputPath, IReadOnlyList<string> outputPaths, TextWriter output, TextWriter error)
    {
        try
        {
            var array = NpyFile.Read(inputPath);
            using var model = OnnxModel.Load(modelPath);
            if (outputPaths.Count != model.OutputNames.Count)
            {
                error.WriteLine($"error: {modelPath} has {model.OutputNames.Count} output{(model.OutputNames.Count == 1 ? string.Empty : "s")} ({string.Join(", ", model.OutputNames)}), so it takes {model.OutputNames.Count} --output; {outputPaths.Count} were given; nothing was run");
                return ExitCodes.Usage;
            }

            var dtype = array.DType.ToString().ToLowerInvariant();
            if (model.Mismatch(array.Shape, dtype) is { } why)
            {
                error.WriteLine($"error: {inputPath}: {why}; nothing was run");
                return ExitCodes.Findings;
            }

            // Token ids (a model whose input is int64) run as the int64 values stored in the file.
            var results = model.InputType == "int64"
                ? model.RunAll(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(array.Data).ToArray(), [.. array.Shape])
                : model.RunAll(array.ToFloats(), [.. array.Shape]);
            for (var i = 0; i < results.Count; i++)
            {
                NpyFile.Write(outputPaths[i], NpyArray.FromFloats(results[i].Shape, results[i].Data));
                output.WriteLine($"wrote {outputPaths[i]}: float32 {NpyFile.ShapeText(results[i].Shape)} from {modelPath} on ONNX Runtime (CPU)");
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is OnnxModelException or NpyFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Findings;
        }
    }

    /// <summary><c>predict MODEL.onnx IMAGE... [--top K] [--format text|json]</c>: the same output as a checkpoint's predict.</summary>
    public static int Predict(string modelPath, string[] imagePaths, int top, string format, TextWriter output, TextWriter error)
    {
        try
        {
            var result = OnnxPredictionService.Predict(modelPath, imagePaths, top);
            if (format == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(new { Checkpoint = modelPath, result.Predictions }, Json));
            }
            else
            {
                foreach (var p in result.Predictions)
                {
                    output.WriteLine($"{PrintableText.Escape(p.Image)}: " + string.Join(", ", p.Top.Select(g => string.Create(CultureInfo.InvariantCulture, $"{PrintableText.Escape(g.Class)} {g.Probability * 100:0.0}%"))));
                }
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is OnnxModelException or ImageException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Findings;
        }
    }
}
