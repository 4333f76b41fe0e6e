namespace ShapeSafe.Layers.Resampling;

/// <summary>nn.UpsamplingNearest2d(size=None, scale_factor=None): Upsample with mode='nearest' (see <see cref="UpsampleRuleBase"/>).</summary>
public sealed class UpsamplingNearest2dRule : UpsampleRuleBase
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.OptionalNone("size", ParamType.OptionalIntOrTuple),
        ParameterSpec.OptionalNone("scale_factor", ParamType.OptionalFloatOrTuple));

    public override string Type => "UpsamplingNearest2d";

    public override LayerSignature Signature => Constructor;

    protected override string Mode(LayerContext context) => "nearest";

    protected override bool? AlignCorners(LayerContext context) => null;
}
