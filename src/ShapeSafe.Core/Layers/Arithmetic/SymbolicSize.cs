using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Arithmetic;

/// <summary>
/// Output sizes of spatial layers for a symbolic input size, as canonical expressions of the input's symbols:
/// <c>H</c>, <c>H-2</c>, <c>(H+1)//2</c>, <c>2*H</c>.
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

        return (input * multiplier) + offset;
    }

    /// <summary><c>floor((input + offset) / divisor) + 1</c>, written <c>(input + offset + divisor)//divisor</c>.</summary>
    public static Dim FloorDivPlusOne(Dim input, long offset, long divisor)
    {
        if (input.IsKnown)
        {
            return Dim.Known(ConvArithmetic.FloorDiv(checked(input.Value + offset), divisor) + 1);
        }

        return Dim.FloorDiv(input + offset, divisor) + 1;
    }
}
