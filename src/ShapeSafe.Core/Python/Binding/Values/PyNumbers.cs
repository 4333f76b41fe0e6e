using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>Conversions between Python numbers (bool is an int, as in Python).</summary>
public static class PyNumbers
{
    /// <summary>The value of an int or bool; null for anything else.</summary>
    public static Dim? ToDim(PyValue v) => v switch
    {
        PyInt i => i.Value,
        PyBool b => Dim.Known(b.Value ? 1 : 0),
        _ => null,
    };

    /// <summary>The known value of an int or bool; null when not an int or symbolic.</summary>
    public static long? ToLong(PyValue v) => v switch
    {
        PyInt { Value.IsKnown: true } i => i.Value.Value,
        PyBool b => b.Value ? 1 : 0,
        _ => null,
    };

    /// <summary>The value of a known int, bool or float as a double; null otherwise.</summary>
    public static double? ToDouble(PyValue v) => v switch
    {
        PyFloat f => f.Value,
        _ => ToLong(v),
    };

    public static bool IsNumber(PyValue v) => v is PyInt or PyBool or PyFloat;
}
