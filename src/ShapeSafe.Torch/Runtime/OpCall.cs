using System.Globalization;
using ShapeSafe.Dataflow;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime;

/// <summary>
/// One node being run: its positional and keyword argument values (tensors, longs for sizes, long arrays for
/// <c>x.size()</c>, lists, slices, constants) with readers that name the node when a value is not what the op needs.
/// </summary>
internal sealed class OpCall
{
    public OpCall(Node node, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, bool training)
    {
        Node = node;
        Args = args;
        Kwargs = kwargs;
        Training = training;
    }

    public Node Node { get; }

    public IReadOnlyList<object?> Args { get; }

    public IReadOnlyDictionary<string, object?> Kwargs { get; }

    /// <summary>The module's mode (dropout and batch norm follow it).</summary>
    public bool Training { get; }

    /// <summary>True when argument <paramref name="index"/> or keyword <paramref name="name"/> was given (None counts as given).</summary>
    public bool Has(int index, string name) => index < Args.Count || Kwargs.ContainsKey(name);

    /// <summary>The argument at <paramref name="index"/>, else the keyword <paramref name="name"/>, else <paramref name="fallback"/>.</summary>
    public object? Get(int index, string name, object? fallback = null) =>
        index >= 0 && index < Args.Count ? Args[index] : Kwargs.TryGetValue(name, out var v) ? v : fallback;

    public Tensor Tensor(int index, string name) => AsTensor(Get(index, name), name);

    public long Long(int index, string name, long? fallback = null) =>
        Get(index, name) switch
        {
            null when fallback is { } f => f,
            var v => AsLong(v, name),
        };

    public long? OptionalLong(int index, string name) => Get(index, name) is { } v ? AsLong(v, name) : null;

    public double Double(int index, string name, double fallback) => Get(index, name) is { } v ? AsDouble(v, name) : fallback;

    public bool Bool(int index, string name, bool fallback) =>
        Get(index, name) switch
        {
            null => fallback,
            bool b => b,
            long l => l != 0,
            var v => throw Fail($"{name} must be a bool, not {Describe(v)}"),
        };

    public string? String(int index, string name, string? fallback) =>
        Get(index, name) switch
        {
            null => fallback,
            string s => s,
            var v => throw Fail($"{name} must be a string, not {Describe(v)}"),
        };

    /// <summary>A list of sizes: a tuple or list argument, a <c>x.size()</c> value, or (for varargs methods such as view) the arguments from <paramref name="index"/> on.</summary>
    public long[] Longs(int index, string name, bool varargs)
    {
        var first = Get(index, name);
        if (first is long[] or IReadOnlyList<object?> || !varargs || index >= Args.Count)
        {
            return AsLongs(first, name);
        }

        return [.. Args.Skip(index).Select(v => AsLong(v, name))];
    }

    public IReadOnlyList<Tensor> Tensors(int index, string name) =>
        Get(index, name) is IReadOnlyList<object?> list ? [.. list.Select(v => AsTensor(v, name))] : throw Fail($"{name} must be a list of tensors");

    public Tensor AsTensor(object? value, string name) =>
        value switch
        {
            Tensor t => t,
            long l => tensor(l),
            double d => tensor((float)d),
            bool b => tensor(b),
            _ => throw Fail($"{name} must be a tensor, not {Describe(value)}"),
        };

    public long AsLong(object? value, string name) =>
        value switch
        {
            long l => l,
            int i => i,
            bool b => b ? 1 : 0,
            Tensor { NumberOfElements: 1 } t when !t.is_floating_point() => t.item<long>(),
            _ => throw Fail($"{name} must be an integer, not {Describe(value)}"),
        };

    public double AsDouble(object? value, string name) =>
        value switch
        {
            double d => d,
            long l => l,
            int i => i,
            bool b => b ? 1 : 0,
            _ => throw Fail($"{name} must be a number, not {Describe(value)}"),
        };

    public long[] AsLongs(object? value, string name) =>
        value switch
        {
            long[] a => a,
            IReadOnlyList<object?> list => [.. list.Select(v => AsLong(v, name))],
            long l => [l],
            _ => throw Fail($"{name} must be a tuple of integers, not {Describe(value)}"),
        };

    /// <summary>A run-time failure naming this node.</summary>
    public GraphRunException Fail(string why) => new(GraphModule.Where(Node) + why);

    public static string Describe(object? value) =>
        value switch
        {
            null => "None",
            Tensor t => "a tensor of shape [" + string.Join(", ", t.shape) + "]",
            long[] a => "(" + string.Join(", ", a) + ")",
            IReadOnlyList<object?> l => "a sequence of " + l.Count.ToString(CultureInfo.InvariantCulture),
            string s => "'" + s + "'",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
        };
}
