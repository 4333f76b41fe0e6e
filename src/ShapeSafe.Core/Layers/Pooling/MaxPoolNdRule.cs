using ShapeSafe.Layers.Arithmetic;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Pooling;

/// <summary>MaxPool1d/2d/3d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False).</summary>
public abstract class MaxPoolNdRule : PoolNdRule
{
    protected MaxPoolNdRule(int spatialRank)
        : base(spatialRank, new LayerSignature(
            ParameterSpec.Of("kernel_size", ParamType.IntOrTuple),
            ParameterSpec.OptionalNone("stride", ParamType.OptionalIntOrTuple),
            ParameterSpec.Optional("padding", ParamType.IntOrTuple, 0),
            ParameterSpec.Optional("dilation", ParamType.IntOrTuple, 1),
            ParameterSpec.Optional("return_indices", ParamType.Bool, false),
            ParameterSpec.Optional("ceil_mode", ParamType.Bool, false)))
    {
    }

    public override string Type => $"MaxPool{SpatialRank}d";

    protected override bool HasDilation => true;

    protected override string FunctionName => $"max_pool{SpatialRank}d";

    /// <summary>max_pool1d checks the padding against the kernel itself, with its own message.</summary>
    protected override string PaddingMessage(long[] kernel, long[] padding, long[] dilation) => SpatialRank == 1
        ? $"max_pool1d() padding should be at most half of kernel size, but got padding={padding[0]} and kernel_size={kernel[0]}"
        : base.PaddingMessage(kernel, padding, dilation);

    protected override string OutputTooSmallMessage(SpatialInput input, IReadOnlyList<Dim> outputs) => SpatialRank == 1
        ? $"max_pool1d() Invalid computed output size: {outputs[0]}"
        : base.OutputTooSmallMessage(input, outputs);
}
