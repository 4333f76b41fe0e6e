using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Layers.Resampling;

/// <summary>
/// Upsample and its fixed-mode forms, as F.interpolate: exactly one of size and scale_factor; each spatial
/// dimension becomes size, or floor(in * scale_factor); the mode must suit the input's rank ('linear' 3D,
/// 'bilinear' and 'bicubic' 4D, 'trilinear' 5D; 'nearest', 'nearest-exact' and 'area' 3D to 5D); and
/// align_corners is only for the interpolating modes.
/// </summary>
public abstract class UpsampleRuleBase : LayerRule
{
    private static readonly string[] NearestModes = ["nearest", "area", "nearest-exact"];

    /// <summary>The mode this call uses.</summary>
    protected abstract string Mode(LayerContext context);

    /// <summary>align_corners as this call sets it (null: not set).</summary>
    protected abstract bool? AlignCorners(LayerContext context);

    /// <summary>The argument to point at for a mode problem (null when the layer fixes its mode).</summary>
    protected virtual string? ModeArgument => null;

    public override LayerOutcome Infer(LayerContext context, Shape input)
    {
        var mode = Mode(context);
        var alignCorners = AlignCorners(context);
        var span = ModeArgument is { } m ? context.SpanOf(m) : context.Call.CallSpan;
        if (NearestModes.Contains(mode, StringComparer.Ordinal) && alignCorners is not null)
        {
            return Fail(context, context.SpanOf("align_corners"), $"align_corners is only for the interpolating modes, not mode='{mode}'",
                "ValueError: align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear");
        }

        var spatial = input.Rank - 2;
        var size = context.Args["size"]!;
        var scale = ScaleFactor(context);
        var sizeGiven = size.Kind != ArgKind.None;
        if (sizeGiven && scale is not null)
        {
            return Fail(context, context.SpanOf("scale_factor"), "size and scale_factor are both given; give only one",
                "ValueError: only one of size or scale_factor should be defined");
        }

        long[]? outputSize = null;
        double[]? scales = null;
        if (sizeGiven)
        {
            if (size.Kind == ArgKind.Tuple)
            {
                if (size.Items.Count != spatial)
                {
                    return Fail(context, context.SpanOf("size"), $"size {size.ToPython()} has {size.Items.Count} values but the input {input} has {Math.Max(spatial, 0)} spatial dimensions",
                        "ValueError: Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of "
                        + $"{PyTorchText.Sizes(input.Slice(Math.Min(2, input.Rank), input.Rank))} and output size of {size.ToPython()}. Please provide input tensor in (N, C, d1, d2, ...,dK) format "
                        + "and output size in (o1, o2, ...,oK) format.");
                }

                if (size.Items.Any(i => i.Kind != ArgKind.Int))
                {
                    return Fail(context, context.SpanOf("size"), $"size {size.ToPython()} must contain only ints",
                        "TypeError: expected size to be one of int or Tuple[int] or Tuple[int, int] or Tuple[int, int, int], but got size with types "
                        + "[" + string.Join(", ", size.Items.Select(i => $"<class '{(i.Kind == ArgKind.None ? "NoneType" : i.PythonTypeName)}'>")) + "]");
                }

                outputSize = size.Items.Select(i => i.Int).ToArray();
            }
            else
            {
                outputSize = Enumerable.Repeat(size.Int, Math.Max(spatial, 0)).ToArray();
            }
        }
        else if (scale is not null)
        {
            var written = context.Args["scale_factor"]!;
            if (written.Kind == ArgKind.Tuple && scale.Length != spatial)
            {
                return Fail(context, context.SpanOf("scale_factor"), $"scale_factor {written.ToPython()} has {scale.Length} values but the input {input} has {Math.Max(spatial, 0)} spatial dimensions",
                    "ValueError: Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of "
                    + $"{PyTorchText.Sizes(input.Slice(Math.Min(2, input.Rank), input.Rank))} and scale_factor of shape ({string.Join(", ", scale.Select(PyTorchText.Float))}{(scale.Length == 1 ? "," : string.Empty)}). "
                    + "Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.");
            }

            scales = written.Kind == ArgKind.Tuple ? scale : Enumerable.Repeat(scale[0], Math.Max(spatial, 0)).ToArray();
        }
        else
        {
            return Fail(context, context.Call.CallSpan, "neither size nor scale_factor is given",
                "ValueError: either size or scale_factor should be defined");
        }

        if (context.Args["recompute_scale_factor"] is { Kind: ArgKind.Bool, Bool: true } && sizeGiven)
        {
            return Fail(context, context.SpanOf("recompute_scale_factor"), "recompute_scale_factor=True is not meaningful with an explicit size",
                "ValueError: recompute_scale_factor is not meaningful with an explicit size.");
        }

        if (RankProblem(mode, input.Rank) is { } rankProblem)
        {
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.WrongRank, span, context.Name, rankProblem.Expected, PyTorchText.Sizes(input)) with
            {
                Notes = [PyTorchText.RunTime(rankProblem.PyTorch)],
            }, input);
        }

        var dims = input.Take(2).ToList();
        var strides = new double[spatial];
        var windowKnown = true;
        for (var i = 0; i < spatial; i++)
        {
            var d = input[2 + i];
            if (outputSize is not null)
            {
                dims.Add(Dim.Known(outputSize[i]));
                windowKnown &= d.IsKnown && outputSize[i] > 0;
                strides[i] = d.IsKnown && outputSize[i] > 0 ? (double)d.Value / outputSize[i] : 0;
            }
            else
            {
                var s = scales![i];
                dims.Add(d.IsKnown ? Dim.Known((long)Math.Floor(d.Value * s))
                    : s == Math.Floor(s) && s >= 1 ? d * Dim.Known((long)s)
                    : Dim.FloorScale(d, s, PyTorchText.Float(s)));
                windowKnown &= s > 0;
                strides[i] = s > 0 ? 1 / s : 0;
            }
        }

        var output = new Shape(dims);
        var spatialIn = input.Skip(2).ToArray();
        var spatialOut = output.Skip(2).ToArray();
        if (spatialIn.Concat(spatialOut).Any(d => d.IsKnown && d.Value <= 0))
        {
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.OutputSizeInvalid, sizeGiven ? context.SpanOf("size") : context.SpanOf("scale_factor"), context.Name,
                $"resizing the input {input} gives {output}, but every size must be greater than 0") with
            {
                Notes = [PyTorchText.RunTime(NotPositive(spatialIn, spatialOut))],
            }, input);
        }

        return new LayerOutcome
        {
            Output = output,
            Window = windowKnown ? new SpatialWindow(Enumerable.Repeat(1L, spatial).ToArray(), strides, Enumerable.Repeat(1L, spatial).ToArray()) : null,
        };
    }

    /// <summary>
    /// scale_factor as nn.Upsample stores it: a tuple as floats; a single value as a float, or None when it is
    /// 0 (Python's <c>float(scale_factor) if scale_factor else None</c>).
    /// </summary>
    private static double[]? ScaleFactor(LayerContext context)
    {
        var written = context.Args["scale_factor"]!;
        return written.Kind switch
        {
            ArgKind.Tuple => written.Items.Select(Number).ToArray(),
            ArgKind.Int or ArgKind.Float when Number(written) != 0 => [Number(written)],
            _ => null,
        };

        static double Number(ArgValue v) => v.Kind == ArgKind.Int ? v.Int : v.Float;
    }

    /// <summary>F.interpolate's dispatch on (rank, mode): the ranks a mode needs, with PyTorch's message.</summary>
    private static (string Expected, string PyTorch)? RankProblem(string mode, int rank)
    {
        var needs = mode switch
        {
            "nearest" or "area" or "nearest-exact" => rank is >= 3 and <= 5 ? 0 : -1,
            "linear" => 3,
            "bilinear" or "bicubic" => 4,
            "trilinear" => 5,
            _ => -1,
        };
        if (needs == 0 || needs == rank)
        {
            return null;
        }

        if (needs > 0 && rank is >= 3 and <= 5 && mode != "bicubic")
        {
            return ($"{needs}D", $"NotImplementedError: Got {rank}D input, but {mode} mode needs {needs}D input");
        }

        var expected = needs > 0 ? $"{needs}D" : "3D, 4D or 5D";
        return (expected, $"NotImplementedError: Input Error: Only 3D, 4D and 5D input Tensors supported (got {rank}D) for the modes: "
            + $"nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got {mode})");
    }

    private static string NotPositive(Dim[] input, Dim[] output) => input.Length switch
    {
        1 => $"RuntimeError: Input and output sizes should be greater than 0, but got input (W: {input[0]}) and output (W: {output[0]})",
        2 => $"RuntimeError: Input and output sizes should be greater than 0, but got input (H: {input[0]}, W: {input[1]}) output (H: {output[0]}, W: {output[1]})",
        _ => $"RuntimeError: Input and output sizes should be greater than 0, but got input (D: {input[0]}, H: {input[1]}, W: {input[2]}) "
            + $"output (D: {output[0]}, H: {output[1]}, W: {output[2]})",
    };

    /// <summary>A configuration PyTorch rejects: the output is unknown, so checking stops here.</summary>
    private static LayerOutcome Fail(LayerContext context, SourceSpan span, string problem, string pytorch) =>
        LayerOutcome.Fail(context.Error(DiagnosticCatalog.InvalidLayerConfig, span, context.Name, problem) with
        {
            Notes = [PyTorchText.RunTime(pytorch)],
        });
}
