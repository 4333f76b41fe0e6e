using ShapeSafe.Shapes;
using Google.Protobuf;
using ShapeSafe.Dataflow;
using ShapeSafe.Onnx.Proto;

namespace ShapeSafe.Onnx.Export;

/// <summary>
/// Collects the ONNX nodes, initializers and constants of one export: unique value names, attributes, and the
/// state_dict weights as initializers named by their PyTorch keys (each added once, when first used).
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly IReadOnlyDictionary<string, NamedTensor> _weights;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _addedWeights = new(StringComparer.Ordinal);
    private readonly HashSet<string> _boolMasks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _integers = new(StringComparer.Ordinal);
    private int _counter;

    public OnnxGraphBuilder(IReadOnlyDictionary<string, NamedTensor> weights, Dim batch)
    {
        _weights = weights;
        Batch = batch;
    }

    public GraphProto Graph { get; } = new() { Name = "shapesafe" };

    /// <summary>The graph input's first dimension (the batch), symbolic or as checked.</summary>
    public Dim Batch { get; }

    /// <summary>The node being exported, for messages.</summary>
    public Node Current { get; set; } = null!;

    /// <summary>A fresh value name from <paramref name="hint"/>.</summary>
    public string Fresh(string hint)
    {
        var clean = new string(hint.Select(c => char.IsLetterOrDigit(c) || c is '_' or '.' ? c : '_').ToArray());
        var name = clean;
        while (!_names.Add(name))
        {
            name = $"{clean}_{++_counter}";
        }

        return name;
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Op(string opType, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        OpMulti(opType, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs and returns their names.</summary>
    public string[] OpMulti(string opType, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Fresh(opType + "_" + Current.Index) };
        node.Input.AddRange(inputs);
        var names = Enumerable.Range(0, outputs).Select(_ => Fresh($"{opType.ToLowerInvariant()}_{Current.Index}")).ToArray();
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return names;
    }

    /// <summary>The initializer of a state_dict tensor (added once); its shape, for the caller's checks.</summary>
    public (string Name, long[] Shape) Weight(string key)
    {
        if (!_weights.TryGetValue(key, out var w))
        {
            throw new UnmappableException(Current, $"the weights have no tensor '{key}'");
        }

        if (_addedWeights.Add(key))
        {
            _names.Add(key);
            Graph.Initializer.Add(FloatTensor(key, w.Shape, w.Data));
        }

        return (key, w.Shape);
    }

    /// <summary>The values of a state_dict tensor, for a constant the exporter rearranges (recurrent gate order).</summary>
    public NamedTensor WeightData(string key) =>
        _weights.TryGetValue(key, out var w) ? w : throw new UnmappableException(Current, $"the weights have no tensor '{key}'");

    /// <summary>True when the weights hold <paramref name="key"/>.</summary>
    public bool HasWeight(string key) => _weights.ContainsKey(key);

    public string Longs(params long[] values) => LongsShaped([values.Length], values);

    public string LongsShaped(long[] shape, long[] values)
    {
        var name = Fresh("const_" + Current.Index);
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.AddRange(shape);
        t.Int64Data.AddRange(values);
        Graph.Initializer.Add(t);
        return name;
    }

    /// <summary>A float constant of <paramref name="shape"/> (an empty shape for a scalar).</summary>
    public string Floats(long[] shape, float[] values)
    {
        var name = Fresh("const_" + Current.Index);
        Graph.Initializer.Add(FloatTensor(name, shape, values));
        return name;
    }

    public string Scalar(double value) => Floats([], [(float)value]);

    /// <summary>An int64 scalar constant (an operand of integer arithmetic).</summary>
    public string LongScalar(long value) => MarkInteger(LongsShaped([], [value]));

    public string Filled(long count, float value) => Floats([count], Enumerable.Repeat(value, checked((int)count)).ToArray());

    public static TensorProto FloatTensor(string name, long[] shape, float[] data)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(shape);
        var bytes = new byte[data.Length * sizeof(float)];
        Buffer.BlockCopy(data, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < bytes.Length; i += 4)
            {
                Array.Reverse(bytes, i, 4);
            }
        }

        t.RawData = ByteString.CopyFrom(bytes);
        return t;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, double value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value };

    public static AttributeProto Str(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    /// <summary>Reshapes a per-channel vector to [C, 1, ...] so it broadcasts over an input of <paramref name="rank"/> (N, C, ...).</summary>
    public string PerChannel(string vector, long channels, int rank)
    {
        var shape = new long[Math.Max(rank - 1, 1)];
        Array.Fill(shape, 1L);
        shape[0] = channels;
        return Op("Reshape", [vector, Longs(shape)]);
    }

    /// <summary>
    /// A Reshape target for a checked output shape with a dynamic batch. With a concrete batch, the batch as the first
    /// dimension becomes -1 and every other dimension must be known. With a symbolic batch (as <c>export --to onnx</c>
    /// checks), the one entry that is a linear function of it (<c>N</c>, <c>26*N</c>, wherever the batch has moved)
    /// becomes -1 (the element count is a multiple of the batch, so a valid view has exactly one such entry), so the
    /// checked batch is never baked into the file.
    /// </summary>
    public string ReshapeTarget(Shape shape)
    {
        var dims = new long[shape.Rank];
        var dynamic = new List<int>();
        for (var i = 0; i < shape.Rank; i++)
        {
            if (IsBatch(shape[i]) && (i == 0 || Batch.IsSymbolic))
            {
                dynamic.Add(i);
            }
            else if (shape[i].IsKnown)
            {
                dims[i] = shape[i].Value;
            }
            else if (IsLinearInBatch(shape[i]))
            {
                dynamic.Add(i);
            }
            else
            {
                throw new UnmappableException(Current, $"the result's size {shape[i]} in {shape} depends on the input in a way the exporter cannot keep dynamic");
            }
        }

        if (dynamic.Count > 1)
        {
            // The element count is a multiple of the batch, so a valid view has one entry that depends on it.
            throw new UnmappableException(Current, $"the result {shape} has more than one size that depends on the batch");
        }

        foreach (var index in dynamic)
        {
            dims[index] = -1;
        }

        return Longs(dims);
    }

    /// <summary>True when <paramref name="d"/> is a * batch + c for the symbolic batch (<c>26*N</c>), a != 0.</summary>
    private bool IsLinearInBatch(Dim d)
    {
        if (!Batch.IsSymbolic || Batch.Symbols.Count != 1 || d.Symbols.Count != 1 || !d.Symbols.SequenceEqual(Batch.Symbols))
        {
            return false;
        }

        var symbol = Batch.Symbols.First();
        long? At(long n) => d.Substitute(new Dictionary<string, long> { [symbol] = n }) is { IsKnown: true } v ? v.Value : null;
        if (At(1) is not { } one || At(2) is not { } two || At(3) is not { } three || At(7) is not { } seven)
        {
            return false;
        }

        var scale = two - one;
        var offset = one - scale;
        return scale != 0 && three == (3 * scale) + offset && seven == (7 * scale) + offset;
    }

    public bool IsBatch(Dim d) => d.SameAs(Batch);

    /// <summary>Remembers <paramref name="name"/> as a comparison's result (float 0/1 standing for PyTorch's bool) and returns it.</summary>
    public string MarkBoolMask(string name)
    {
        _boolMasks.Add(name);
        return name;
    }

    /// <summary>True for a value made by a comparison (a bool tensor in PyTorch).</summary>
    public bool IsBoolMask(string name) => _boolMasks.Contains(name);

    /// <summary>Remembers <paramref name="name"/> as an int64 value (argmax, an integer arange, token ids) and returns it.</summary>
    public string MarkInteger(string name)
    {
        _integers.Add(name);
        return name;
    }

    /// <summary>True for an int64 value; every other value the exporter makes is float32.</summary>
    public bool IsInteger(string name) => _integers.Contains(name);

    /// <summary>The value as float32: an int64 value cast (PyTorch promotes an integer tensor next to a float one), any other as is.</summary>
    public string AsFloat(string name) => IsInteger(name) ? Op("Cast", [name], Int("to", (long)TensorProto.Types.DataType.Float)) : name;
}
