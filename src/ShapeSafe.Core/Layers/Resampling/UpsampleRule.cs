namespace ShapeSafe.Layers.Resampling;

/// <summary>nn.Upsample(size=None, scale_factor=None, mode='nearest', align_corners=None, recompute_scale_factor=None) (see <see cref="UpsampleRuleBase"/>).</summary>
public sealed class UpsampleRule : UpsampleRuleBase
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.OptionalNone("size", ParamType.OptionalIntOrTuple),
        ParameterSpec.OptionalNone("scale_factor", ParamType.OptionalFloatOrTuple),
        ParameterSpec.Optional("mode", ParamType.String, "nearest"),
        ParameterSpec.OptionalNone("align_corners", ParamType.OptionalBool),
        ParameterSpec.OptionalNone("recompute_scale_factor", ParamType.OptionalBool));

    public override string Type => "Upsample";

    public override LayerSignature Signature => Constructor;

    protected override string? ModeArgument => "mode";

    protected override string Mode(LayerContext context) => context.String("mode")!;

    protected override bool? AlignCorners(LayerContext context) => context.IsNone("align_corners") ? null : context.Bool("align_corners");
}
