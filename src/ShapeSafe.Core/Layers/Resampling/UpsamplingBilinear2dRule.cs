namespace ShapeSafe.Layers.Resampling;

/// <summary>nn.UpsamplingBilinear2d(size=None, scale_factor=None): Upsample with mode='bilinear', align_corners=True, so 4D input only (see <see cref="UpsampleRuleBase"/>).</summary>
public sealed class UpsamplingBilinear2dRule : UpsampleRuleBase
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.OptionalNone("size", ParamType.OptionalIntOrTuple),
        ParameterSpec.OptionalNone("scale_factor", ParamType.OptionalFloatOrTuple));

    public override string Type => "UpsamplingBilinear2d";

    public override LayerSignature Signature => Constructor;

    protected override string Mode(LayerContext context) => "bilinear";

    protected override bool? AlignCorners(LayerContext context) => true;
}
