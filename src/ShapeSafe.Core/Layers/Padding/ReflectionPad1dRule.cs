namespace ShapeSafe.Layers.Padding;

/// <summary>nn.ReflectionPad1d(padding): reflection padding of 2D or 3D input (see <see cref="PaddingRuleBase"/>).</summary>
public sealed class ReflectionPad1dRule : PaddingRuleBase
{
    public override string Type => "ReflectionPad1d";

    protected override int SpatialDims => 1;

    protected override PaddingMode Mode => PaddingMode.Reflect;
}
