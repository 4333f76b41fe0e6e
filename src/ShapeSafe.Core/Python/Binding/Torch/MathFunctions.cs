using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>The <c>math</c> module: floor, ceil, sqrt, prod, log and the constants.</summary>
public static class MathFunctions
{
    public static void Register(TorchTable t)
    {
        t.Function(c => Rounding(c, Math.Floor), "math.floor");
        t.Function(c => Rounding(c, Math.Ceiling), "math.ceil");
        t.Function(c => Rounding(c, Math.Truncate), "math.trunc");
        t.Function(c => Real(c, Math.Sqrt), "math.sqrt");
        t.Function(c => Real(c, Math.Exp), "math.exp");
        t.Function(c => Real(c, Math.Log2), "math.log2");
        t.Function(c => Real(c, Math.Log10), "math.log10");
        t.Function(Log, "math.log");
        t.Function(Prod, "math.prod");
        t.Function(c => PyNumbers.ToDouble(c.Arg(0, "x") ?? PyNone.Instance) is { } x && PyNumbers.ToDouble(c.Arg(1, "y") ?? PyNone.Instance) is { } y
            ? new PyFloat(Math.Pow(x, y)) : new PyUnknown("math.pow of values not known", c.Span), "math.pow");
        t.Function(Gcd, "math.gcd");
        t.Function(c => PyNumbers.ToLong(c.Arg(0, null) ?? PyNone.Instance) is { } v && v >= 0 ? PyInt.Of((long)Math.Floor(Math.Sqrt(v))) : new PyUnknown("math.isqrt", c.Span), "math.isqrt");
        t.Constant("math.pi", new PyFloat(Math.PI));
        t.Constant("math.e", new PyFloat(Math.E));
        t.Constant("math.inf", new PyFloat(double.PositiveInfinity));
        t.Constant("math.tau", new PyFloat(Math.Tau));
    }

    private static PyValue Rounding(TorchCall c, Func<double, double> round)
    {
        var v = c.Arg(0, "x");
        if (v is PyInt or PyBool)
        {
            return PyInt.Of(PyNumbers.ToDim(v)!.Value);
        }

        return v is PyFloat f && !double.IsNaN(f.Value) && !double.IsInfinity(f.Value) ? PyInt.Of((long)round(f.Value)) : new PyUnknown($"{c.Name} of a value not known", c.Span);
    }

    private static PyValue Real(TorchCall c, Func<double, double> f) =>
        PyNumbers.ToDouble(c.Arg(0, "x") ?? PyNone.Instance) is { } x ? new PyFloat(f(x)) : new PyUnknown($"{c.Name} of a value not known", c.Span);

    private static PyValue Log(TorchCall c)
    {
        if (PyNumbers.ToDouble(c.Arg(0, "x") ?? PyNone.Instance) is not { } x)
        {
            return new PyUnknown("math.log of a value not known", c.Span);
        }

        return c.Arg(1, "base") is { } b ? PyNumbers.ToDouble(b) is { } bv ? new PyFloat(Math.Log(x) / Math.Log(bv)) : new PyUnknown("math.log", c.Span) : new PyFloat(Math.Log(x));
    }

    private static PyValue Prod(TorchCall c)
    {
        if (c.Arg(0, "iterable") is not { } v || c.Interpreter.Iterate(v, null) is not { } items)
        {
            return new PyUnknown("math.prod of a value not known", c.Span);
        }

        Dim product = c.Arg(-1, "start") is { } s && PyNumbers.ToDim(s) is { } start ? start : 1;
        var real = 1.0;
        var isFloat = false;
        foreach (var item in items)
        {
            if (PyNumbers.ToDim(item) is { } d)
            {
                product *= d;
            }
            else if (item is PyFloat f)
            {
                isFloat = true;
                real *= f.Value;
            }
            else
            {
                return new PyUnknown("math.prod of values not known", c.Span);
            }
        }

        if (!isFloat)
        {
            return PyInt.Of(product);
        }

        return product.IsKnown ? new PyFloat(product.Value * real) : new PyUnknown("math.prod of values not known", c.Span);
    }

    private static PyValue Gcd(TorchCall c)
    {
        long g = 0;
        foreach (var v in c.Args.Positional)
        {
            if (PyNumbers.ToLong(v) is not { } x)
            {
                return new PyUnknown("math.gcd of values not known", c.Span);
            }

            var a = Math.Abs(g);
            var b = Math.Abs(x);
            while (b != 0)
            {
                (a, b) = (b, a % b);
            }

            g = a;
        }

        return PyInt.Of(g);
    }
}
