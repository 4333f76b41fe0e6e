using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>
/// <c>F.pad(x, pad)</c> in constant mode (<c>constant_pad_nd</c>): pad pairs (left, right) from the last dim
/// backwards; negative pads crop, and each crop is checked as PyTorch 1.13's narrow checks it.
/// </summary>
public static class Padding
{
    /// <summary><c>F.pad(x, pad, value=...)</c> with mode='constant'.</summary>
    public static OpResult Pad(Shape input, IReadOnlyList<long> pad)
    {
        const string op = "pad";
        var padText = OpDims.List(pad);
        if (pad.Count % 2 != 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpPad, "Padding length must be divisible by 2", op, padText, input, "it must hold pairs (an even number of values)"));
        }

        var pairs = pad.Count / 2;
        if (pairs > input.Rank)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpPad, "Padding length too large", op, padText, input,
                $"{pairs} pairs pad more dimensions than the input's {input.Rank}"));
        }

        var first = input.Rank - pairs;
        var allNonPositive = true;
        foreach (var p in pad)
        {
            allNonPositive &= p <= 0;
        }

        // The crops (narrow), dim by dim from the first padded one.
        for (var i = 0; i < pairs; i++)
        {
            var size = input[first + i];
            if (!size.IsKnown)
            {
                continue;
            }

            var left = pad[2 * (pairs - i - 1)];
            var right = pad[(2 * (pairs - i - 1)) + 1];
            var s = size.Value;
            if (left < 0 && Narrow(op, padText, input, -left, s + left, s) is { } e1)
            {
                return OpResult.Fail(e1);
            }

            s += Math.Min(left, 0);
            if (right < 0 && Narrow(op, padText, input, 0, s + right, s) is { } e2)
            {
                return OpResult.Fail(e2);
            }
        }

        var dims = input.ToArray();
        for (var i = 0; i < pairs; i++)
        {
            var d = first + i;
            var left = pad[2 * (pairs - i - 1)];
            var right = pad[(2 * (pairs - i - 1)) + 1];
            var size = input[d];
            var padded = size + Dim.Known(left + right);
            if (!allNonPositive && padded.IsKnown && padded.Value <= 0)
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpPad,
                    $"The input size {size}, plus negative padding {left} and {right} resulted in a negative output size, which is invalid. Check dimension {d} of your input.",
                    op, padText, input, $"dimension {d} of size {size} would become {padded.Value}"));
            }

            dims[d] = padded;
        }

        return OpResult.Ok(new Shape(dims));
    }

    /// <summary>ATen 1.13's narrow(dim, start, length) checks on a dim of <paramref name="size"/>.</summary>
    private static OpError? Narrow(string op, string padText, Shape input, long start, long length, long size)
    {
        if (start != size)
        {
            var (min, max) = Layers.DimIndex.Range((int)Math.Min(size, int.MaxValue));
            if (start < min || start > max)
            {
                return OpError.Of(DiagnosticCatalog.OpPad, $"Dimension out of range (expected to be in range of [{min}, {max}], but got {start})",
                    op, padText, input, $"it crops {start} from a dimension of size {size}");
            }
        }

        if (length < 0 || start > size - length)
        {
            return OpError.Of(DiagnosticCatalog.OpPad, $"start ({start}) + length ({length}) exceeds dimension size ({size}).",
                op, padText, input, $"it crops more than the {size} elements of a dimension");
        }

        return null;
    }
}
