using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building.Modules;

/// <summary>
/// nn.Upsample (and UpsamplingNearest2d / UpsamplingBilinear2d) as PyTorch runs it: F.interpolate's
/// checks and size rules at forward time, so one module serves 3D, 4D and 5D inputs and a scalar
/// scale_factor applies to every spatial dimension (TorchSharp's Upsample wants one per dimension).
/// </summary>
internal sealed class Resample : nn.Module<Tensor, Tensor>
{
    private readonly long[]? _size;
    private readonly bool _sizeIsTuple;
    private readonly double[]? _scale;
    private readonly bool _scaleIsTuple;
    private readonly string _mode;
    private readonly bool? _alignCorners;
    private readonly bool? _recomputeScaleFactor;

    public Resample(long[]? size, bool sizeIsTuple, double[]? scale, bool scaleIsTuple, string mode, bool? alignCorners, bool? recomputeScaleFactor)
        : base("Upsample")
    {
        _size = size;
        _sizeIsTuple = sizeIsTuple;
        _scale = scale;
        _scaleIsTuple = scaleIsTuple;
        _mode = mode;
        _alignCorners = alignCorners;
        _recomputeScaleFactor = recomputeScaleFactor;
    }

    public override Tensor forward(Tensor input)
    {
        var alignCorners = _alignCorners;
        if (_mode is "nearest" or "area" or "nearest-exact")
        {
            if (alignCorners is not null)
            {
                throw new ArgumentException("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear");
            }
        }
        else
        {
            alignCorners ??= false;
        }

        var dim = (int)input.dim() - 2;
        var spatial = input.shape.Skip(2).ToArray();
        long[]? outputSize = null;
        double[]? scales = null;
        if (_size is not null && _scale is not null)
        {
            throw new ArgumentException("only one of size or scale_factor should be defined");
        }

        if (_size is not null)
        {
            if (_sizeIsTuple && _size.Length != dim)
            {
                throw new ArgumentException($"Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [{string.Join(", ", spatial)}] and output size of ({string.Join(", ", _size)}). Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.");
            }

            outputSize = _sizeIsTuple ? _size : Enumerable.Repeat(_size[0], Math.Max(dim, 0)).ToArray();
        }
        else if (_scale is not null)
        {
            if (_scaleIsTuple && _scale.Length != dim)
            {
                throw new ArgumentException($"Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of [{string.Join(", ", spatial)}] and scale_factor of shape ({string.Join(", ", _scale.Select(LayerArgs.Show))}). Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.");
            }

            scales = _scaleIsTuple ? _scale : Enumerable.Repeat(_scale[0], Math.Max(dim, 0)).ToArray();
        }
        else
        {
            throw new ArgumentException("either size or scale_factor should be defined");
        }

        if (_recomputeScaleFactor == true && _size is not null)
        {
            throw new ArgumentException("recompute_scale_factor is not meaningful with an explicit size.");
        }

        if (scales is not null && (_recomputeScaleFactor == true || (_mode == "area" && outputSize is null)))
        {
            outputSize = spatial.Select((s, i) => (long)Math.Floor(s * scales[i])).ToArray();
            scales = null;
        }

        var mode = (input.dim(), _mode) switch
        {
            (3 or 4 or 5, "nearest") => InterpolationMode.Nearest,
            (3 or 4 or 5, "nearest-exact") => InterpolationMode.NearestExact,
            (3 or 4 or 5, "area") => InterpolationMode.Area,
            (3, "linear") => InterpolationMode.Linear,
            (4, "bilinear") => InterpolationMode.Bilinear,
            (4, "bicubic") => InterpolationMode.Bicubic,
            (5, "trilinear") => InterpolationMode.Trilinear,
            (var d and (3 or 4 or 5), "linear" or "bilinear" or "bicubic" or "trilinear") =>
                throw new NotSupportedException($"Got {d}D input, but {_mode} mode needs {(_mode == "linear" ? 3 : _mode == "trilinear" ? 5 : 4)}D input"),
            _ => throw new NotSupportedException($"Input Error: Only 3D, 4D and 5D input Tensors supported (got {input.dim()}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got {_mode})"),
        };

        return nn.functional.interpolate(input, outputSize, scales, mode, alignCorners, recompute_scale_factor: false, antialias: false);
    }
}
