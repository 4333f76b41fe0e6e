using System.Globalization;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Arithmetic;

/// <summary>
/// Output sizes of spatial layers for a symbolic input size, written as Python-like expressions of the
/// input's symbol: <c>H</c>, <c>H-2</c>, <c>(H+1)//2</c>, <c>2*H</c>.
/// </summary>
public static class SymbolicSize
{
    /// <summary><c>multiplier * input + offset</c>.</summary>
    public static Dim Affine(Dim input, long multiplier, long offset)
    {
        if (input.IsKnown)
        {
            return Dim.Known(checked((multiplier * input.Value) + offset));
        }

        var scaled = multiplier == 1 ? input.Symbol! : $"{multiplier.ToString(CultureInfo.InvariantCulture)}*{input.ToAtom()}";
        return offset == 0 ? Dim.Sym(scaled) : Dim.Sym(scaled + Signed(offset));
    }

    /// <summary><c>floor((input + offset) / divisor) + 1</c>, written <c>(input + offset + divisor)//divisor</c>.</summary>
    public static Dim FloorDivPlusOne(Dim input, long offset, long divisor)
    {
        if (input.IsKnown)
        {
            return Dim.Known(ConvArithmetic.FloorDiv(checked(input.Value + offset), divisor) + 1);
        }

        if (divisor == 1)
        {
            return Affine(input, 1, offset + 1);
        }

        var shifted = checked(offset + divisor);
        var numerator = shifted == 0 ? input.ToAtom() : $"({input.Symbol}{Signed(shifted)})";
        return Dim.Sym($"{numerator}//{divisor.ToString(CultureInfo.InvariantCulture)}");
    }

    private static string Signed(long value) => value >= 0
        ? "+" + value.ToString(CultureInfo.InvariantCulture)
        : value.ToString(CultureInfo.InvariantCulture);
}
