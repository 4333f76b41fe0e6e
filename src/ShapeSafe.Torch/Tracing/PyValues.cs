using System.Globalization;
using ShapeSafe.Layers;
using ShapeSafe.Syntax;

namespace ShapeSafe.Torch.Tracing;

/// <summary>Constructor argument values as Python writes them, with no source position (the call builder places them).</summary>
internal static class PyValues
{
    public static ArgValue Int(long value) => ArgValue.OfInt(value, SourceSpan.None, value.ToString(CultureInfo.InvariantCulture));

    public static ArgValue Float(double value) => ArgValue.OfFloat(value, SourceSpan.None, PyTorchText.Float(value));

    public static ArgValue Bool(bool value) => ArgValue.OfBool(value, SourceSpan.None, value ? "True" : "False");

    public static ArgValue Str(string value) => ArgValue.OfString(value, SourceSpan.None, $"'{value}'");

    public static ArgValue None() => ArgValue.OfNone(SourceSpan.None, "None");

    public static ArgValue Tuple(IReadOnlyList<ArgValue> items) => ArgValue.OfTuple(items, SourceSpan.None, TupleText(items));

    /// <summary>An int-or-tuple value as PyTorch's _pair would have been given it: one int when all sizes agree.</summary>
    public static ArgValue IntOrTuple(IReadOnlyList<long> values) =>
        values.Count > 0 && values.All(v => v == values[0]) ? Int(values[0]) : Tuple(values.Select(Int).ToArray());

    private static string TupleText(IReadOnlyList<ArgValue> items) =>
        "(" + string.Join(", ", items.Select(i => i.Text)) + (items.Count == 1 ? ",)" : ")");
}
