using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ShapeSafe.Onnx.Runtime;

/// <summary>
/// An ONNX model on ONNX Runtime (CPU): one session for the model's life, its single float32 (or int64 token id) input checked before each
/// run (rank, fixed sizes, element count, with the file and the shapes in the message), and its metadata_props.
/// A run wraps the caller's array without copying it.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    private OnnxModel(string path, InferenceSession session)
    {
        Path = path;
        _session = session;
        if (session.InputMetadata.Count != 1)
        {
            session.Dispose();
            throw new OnnxModelException($"{path}: the model has {session.InputMetadata.Count} inputs; ShapeSafe runs models with one input");
        }

        var (name, meta) = session.InputMetadata.First();
        if (meta.ElementDataType is not (TensorElementType.Float or TensorElementType.Int64))
        {
            session.Dispose();
            throw new OnnxModelException($"{path}: the model's input '{name}' is {meta.ElementDataType}; ShapeSafe runs models with a float32 or int64 input");
        }

        InputType = meta.ElementDataType == TensorElementType.Int64 ? "int64" : "float32";

        InputName = name;
        InputShape = [.. meta.Dimensions.Select(d => (long)d)];
        _inputNames = [name];
        _outputNames = [.. session.OutputMetadata.Keys];
        Metadata = session.ModelMetadata.CustomMetadataMap;
    }

    /// <summary>The file the model was loaded from.</summary>
    public string Path { get; }

    /// <summary>The input's name in the graph.</summary>
    public string InputName { get; }

    /// <summary>The input's element type as numpy names it: float32, or int64 (token ids for an Embedding).</summary>
    public string InputType { get; }

    /// <summary>The input's shape; -1 for a dynamic dimension (the batch).</summary>
    public IReadOnlyList<long> InputShape { get; }

    /// <summary>The model's metadata_props (ShapeSafe's keys are in <see cref="Export.OnnxMetadataKeys"/>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Loads <paramref name="path"/>; a missing or invalid file is an <see cref="OnnxModelException"/>.</summary>
    public static OnnxModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new OnnxModelException($"{path}: no such file");
        }

        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        try
        {
            return new OnnxModel(path, new InferenceSession(path, options));
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxModelException($"{path}: ONNX Runtime cannot load it: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>Why <paramref name="shape"/> (of element type <paramref name="dtype"/>, as numpy names it) does not fit the input; null when it fits.</summary>
    public string? Mismatch(IReadOnlyList<long> shape, string dtype)
    {
        if (dtype != InputType)
        {
            return $"the input is {dtype}, but {Path} takes {InputType}";
        }

        var expected = string.Join("x", InputShape.Select(d => d < 0 ? "N" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (shape.Count != InputShape.Count)
        {
            return $"the input has shape {string.Join("x", shape)} ({shape.Count} dimensions), but {Path} takes {expected}";
        }

        for (var i = 0; i < shape.Count; i++)
        {
            if (InputShape[i] >= 0 && shape[i] != InputShape[i])
            {
                return $"the input has shape {string.Join("x", shape)}, but {Path} takes {expected} (dimension {i} must be {InputShape[i]})";
            }

            if (shape[i] <= 0)
            {
                return $"the input has shape {string.Join("x", shape)}: every size must be positive";
            }
        }

        return null;
    }

    /// <summary>Runs the model on float32 <paramref name="data"/> of <paramref name="shape"/> (checked first) and returns its output.</summary>
    public OnnxOutput Run(float[] data, long[] shape) => RunTyped(data, shape, "float32")[0];

    /// <summary>Runs the model on int64 <paramref name="data"/> (token ids) of <paramref name="shape"/> (checked first) and returns its output.</summary>
    public OnnxOutput Run(long[] data, long[] shape) => RunTyped(data, shape, "int64")[0];

    /// <summary>The model's outputs, in the graph's order (a tuple-returning model has several).</summary>
    public IReadOnlyList<string> OutputNames => _outputNames;

    /// <summary>Like <see cref="Run(float[], long[])"/>, every output in <see cref="OutputNames"/>'s order.</summary>
    public IReadOnlyList<OnnxOutput> RunAll(float[] data, long[] shape) => RunTyped(data, shape, "float32");

    /// <summary>Like <see cref="Run(long[], long[])"/>, every output in <see cref="OutputNames"/>'s order.</summary>
    public IReadOnlyList<OnnxOutput> RunAll(long[] data, long[] shape) => RunTyped(data, shape, "int64");

    private OnnxOutput[] RunTyped<T>(T[] data, long[] shape, string dtype)
        where T : unmanaged
    {
        if (Mismatch(shape, dtype) is { } why)
        {
            throw new OnnxModelException(why);
        }

        var count = shape.Aggregate(1L, (p, d) => p * d);
        if (count != data.Length)
        {
            throw new OnnxModelException($"the input shape {string.Join("x", shape)} needs {count} values, but {data.Length} were given");
        }

        using var input = OrtValue.CreateTensorValueFromMemory(data, shape);
        try
        {
            using var results = _session.Run(_runOptions, _inputNames, [input], _outputNames);
            return [.. results.Select(output =>
            {
                var info = output.GetTensorTypeAndShape();
                return new OnnxOutput(output.GetTensorDataAsSpan<float>().ToArray(), info.Shape);
            })];
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxModelException($"{Path}: ONNX Runtime failed on an input of shape {string.Join("x", shape)}: {e.Message.Split('\n')[0]}", e);
        }
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
