namespace ShapeSafe.Dataflow;

/// <summary>
/// The targets of <see cref="NodeKind.Operator"/> nodes: the names of Python's <c>operator</c> module. Binary:
/// <c>add sub mul truediv floordiv mod pow matmul and_ or_ xor lshift rshift</c>; in place on a tensor (<c>x += y</c>):
/// <c>iadd isub imul itruediv ifloordiv imod ipow imatmul iand ior ixor</c>; comparisons: <c>eq ne lt le gt ge</c>;
/// unary: <c>neg pos invert</c> (<c>not</c> on a tensor is <c>invert</c>); indexing: <c>getitem</c> (args: the value and the
/// index). Arithmetic on sizes uses the plain names (Python ints are immutable, so <c>b *= 2</c> is <c>mul</c>).
/// </summary>
public static class OperatorNames
{
    private static readonly Dictionary<string, string> BySymbol = new(StringComparer.Ordinal)
    {
        ["+"] = "add", ["-"] = "sub", ["*"] = "mul", ["/"] = "truediv", ["//"] = "floordiv", ["%"] = "mod", ["**"] = "pow",
        ["@"] = "matmul", ["&"] = "and_", ["|"] = "or_", ["^"] = "xor", ["<<"] = "lshift", [">>"] = "rshift",
        ["+="] = "iadd", ["-="] = "isub", ["*="] = "imul", ["/="] = "itruediv", ["//="] = "ifloordiv", ["%="] = "imod",
        ["**="] = "ipow", ["@="] = "imatmul", ["&="] = "iand", ["|="] = "ior", ["^="] = "ixor", ["<<="] = "ilshift", [">>="] = "irshift",
        ["=="] = "eq", ["!="] = "ne", ["<"] = "lt", ["<="] = "le", [">"] = "gt", [">="] = "ge",
        ["~"] = "invert", ["neg"] = "neg", ["pos"] = "pos", ["__getitem__"] = "getitem",
    };

    private static readonly Dictionary<string, string> ByName = BySymbol.Where(p => p.Key != "__getitem__" && p.Key != "neg" && p.Key != "pos")
        .ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The operator's name (<c>add</c>) for its symbol as written (<c>+</c>, <c>+=</c>); the input when it is already a name.</summary>
    public static string FromSymbol(string symbol) => BySymbol.TryGetValue(symbol, out var name) ? name : symbol;

    /// <summary>The symbol (<c>+</c>, <c>+=</c>) of an operator name; null for <c>neg</c>, <c>pos</c>, <c>getitem</c> and unknown names.</summary>
    public static string? ToSymbol(string name) => ByName.TryGetValue(name, out var symbol) ? symbol : null;
}
