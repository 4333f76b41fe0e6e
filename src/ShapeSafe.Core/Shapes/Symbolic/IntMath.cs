namespace ShapeSafe.Shapes.Symbolic;

/// <summary>Checked integer arithmetic with Python's semantics for <c>//</c> and <c>%</c> (rounding toward negative infinity).</summary>
internal static class IntMath
{
    /// <summary>Python's <c>a // b</c>; throws <see cref="DivideByZeroException"/> for b = 0 and <see cref="OverflowException"/> on overflow.</summary>
    public static long FloorDiv(long a, long b)
    {
        if (b == -1)
        {
            return checked(-a);
        }

        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }

    /// <summary>Python's <c>a % b</c>: zero or the sign of b.</summary>
    public static long Mod(long a, long b)
    {
        if (b == -1)
        {
            return 0;
        }

        var r = a % b;
        return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
    }

    /// <summary>Greatest common divisor of the absolute values (0 when both are 0).</summary>
    public static long Gcd(long a, long b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
