using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>
/// A call's evaluated arguments (after <c>*args</c> / <c>**kwargs</c> expansion), each with the expression it was
/// written as when there is one (for argument text and spans in fixes).
/// </summary>
public sealed class CallArgs
{
    public static readonly CallArgs Empty = new([], [], [], [], []);

    public CallArgs(PyValue[] positional, Expr?[] positionalExprs, string[] names, PyValue[] namedValues, Expr?[] namedExprs)
    {
        Positional = positional;
        PositionalExprs = positionalExprs;
        Names = names;
        NamedValues = namedValues;
        NamedExprs = namedExprs;
    }

    public PyValue[] Positional { get; }

    public Expr?[] PositionalExprs { get; }

    public string[] Names { get; }

    public PyValue[] NamedValues { get; }

    public Expr?[] NamedExprs { get; }

    public int Count => Positional.Length + Names.Length;

    /// <summary>True when an argument (expanded from <c>*args</c> or <c>**kwargs</c> of unknown content) is unknown.</summary>
    public bool HasUnknownSpread { get; init; }

    public static CallArgs Of(params PyValue[] positional) => new(positional, new Expr?[positional.Length], [], [], []);

    /// <summary>The same arguments with <paramref name="first"/> put in front (a bound method's self).</summary>
    public CallArgs Prepend(PyValue first)
    {
        var values = new PyValue[Positional.Length + 1];
        var exprs = new Expr?[Positional.Length + 1];
        values[0] = first;
        Array.Copy(Positional, 0, values, 1, Positional.Length);
        Array.Copy(PositionalExprs, 0, exprs, 1, PositionalExprs.Length);
        return new CallArgs(values, exprs, Names, NamedValues, NamedExprs) { HasUnknownSpread = HasUnknownSpread };
    }

    /// <summary>The keyword argument's index, or -1.</summary>
    public int IndexOfName(string name)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The argument at <paramref name="position"/> or named <paramref name="name"/>, or null when not given.</summary>
    public PyValue? Get(int position, string? name)
    {
        if (position >= 0 && position < Positional.Length)
        {
            return Positional[position];
        }

        if (name is not null && IndexOfName(name) is var i and >= 0)
        {
            return NamedValues[i];
        }

        return null;
    }

    /// <summary>The expression written for the argument at <paramref name="position"/> or named <paramref name="name"/>.</summary>
    public Expr? ExprOf(int position, string? name)
    {
        if (position >= 0 && position < Positional.Length)
        {
            return PositionalExprs[position];
        }

        if (name is not null && IndexOfName(name) is var i and >= 0)
        {
            return NamedExprs[i];
        }

        return null;
    }
}
