namespace ShapeSafe.Layers.Padding;

/// <summary>ConstantPad1d/2d/3d(padding, value): constant padding with a required fill value.</summary>
public abstract class ConstantPadRuleBase : PaddingRuleBase
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.Of("padding", ParamType.IntOrTuple),
        ParameterSpec.Of("value", ParamType.Float));

    public override LayerSignature Signature => Constructor;

    protected sealed override PaddingMode Mode => PaddingMode.Constant;
}
