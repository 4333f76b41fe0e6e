using ShapeSafe.Diagnostics;
using ShapeSafe.Layers.Arithmetic;
using ShapeSafe.Syntax;

namespace ShapeSafe.Layers.Convolution;

/// <summary>
/// A convolution's padding per spatial dimension, left and right: symmetric for an int or tuple,
/// zero for 'valid', and for 'same' the split PyTorch's _ConvNd computes (extra pixel on the right).
/// </summary>
public sealed record ConvPadding(long[] Left, long[] Right, string? Mode)
{
    /// <summary>The padding PyTorch passes to F.conv for an int or tuple (symmetric), or the left side for 'same'.</summary>
    public string Written => Mode is null ? SpatialArgs.Python(Left) : $"'{Mode}'";

    /// <summary>
    /// Resolves the 'padding' argument as PyTorch's _ConvNd constructor does, with its ValueError texts for an
    /// unknown string and for 'same' with a stride other than 1.
    /// </summary>
    public static ConvPadding? Resolve(LayerContext context, int rank, long[] kernel, long[] stride, long[] dilation, out Diagnostic? error)
    {
        error = null;
        var value = context.Args["padding"]!;
        if (value.Kind != ArgKind.String)
        {
            var sizes = SpatialArgs.Sizes(context, "padding", rank, out error);
            return sizes is null ? null : new ConvPadding(sizes, (long[])sizes.Clone(), null);
        }

        switch (value.Str)
        {
            case "valid":
                return new ConvPadding(new long[rank], new long[rank], "valid");
            case "same":
                if (stride.Any(s => s != 1))
                {
                    error = context.Config("padding", "padding='same' is not supported for strided convolutions") with
                    {
                        Notes = [$"stride is {SpatialArgs.Python(stride)}; use stride=1 with padding='same', or give the padding as a number"],
                    };
                    return null;
                }

                var left = new long[rank];
                var right = new long[rank];
                for (var i = 0; i < rank; i++)
                {
                    (left[i], right[i]) = ConvArithmetic.SamePadding(kernel[i], dilation[i]);
                }

                return new ConvPadding(left, right, "same");
            default:
                error = context.Invalid("padding", $"must be an int, a tuple of {rank} ints, 'valid' or 'same', but got '{value.Str}'") with
                {
                    Notes = [$"PyTorch raises ValueError: Invalid padding string '{value.Str}', should be one of {{'valid', 'same'}}"],
                };
                return null;
        }
    }
}
